// Trace data is untrusted: every string that came from a trace, log or report passes through
// one of these before it reaches a label, a tooltip, markdown or a notification.

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/** One line of plain text: control, zero-width and bidi-override characters dropped, newlines folded, length capped. */
export function plainText(value: unknown, maxLength = 200): string {
  const text = String(value ?? '')
    .replace(/\r\n?|\n|\t/g, ' ')
    .replace(CONTROL, '')
    .trim();
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

/**
 * Plain text made inert for markdown: inline markup characters escaped, HTML characters as
 * entities, and a leading block marker (heading, list, quote) escaped. Characters that only
 * matter after an escaped one (`(` after `]`) or at a line start are left alone, so paths stay readable.
 */
export function markdownText(value: unknown, maxLength = 500): string {
  return plainText(value, maxLength)
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/^[#+\-=]/, '\\$&')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/** Inline code in markdown: the content cannot close the span or inject HTML (backticks swapped for a look-alike). */
export function markdownCode(value: unknown, maxLength = 200): string {
  const text = plainText(value, maxLength).replace(/`/g, 'ˋ');
  return `\`${text.length ? text : ' '}\``;
}
