// Trace data is untrusted: a span name or log field may carry terminal escape sequences or
// bidirectional-override characters. Everything shown in a terminal goes through here.

// C0/C1 controls (tab kept), DEL, bidi embeddings/overrides/isolates, line/paragraph separators.
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Makes a value from trace data safe for one line of terminal output: control characters become \xNN / \uNNNN. */
export function escapeTerminal(text: string): string {
  return text.replace(UNSAFE, (ch) => {
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Shortens a value for display, keeping the start. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}
