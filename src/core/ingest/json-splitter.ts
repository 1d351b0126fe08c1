// Streams one JSON document and hands over its parts one by one, so a large document is never
// held as one string: the root container is always opened, deeper containers only where `descend`
// says so (e.g. `resourceSpans[*]`, `log.entries[*]`); every other value is handed over as text
// with the line it starts on. Iterative (no recursion), so hostile nesting cannot overflow a stack.

export type JsonPath = Array<string | number>;

export interface JsonSplitterOptions {
  /** Open this container (at `path`) instead of handing it over whole. The root is always opened. */
  descend: (path: JsonPath) => boolean;
  onValue: (path: JsonPath, text: string, line: number) => void;
  /** A container that was opened (see `descend`) has closed. */
  onClose?: (path: JsonPath) => void;
  /** A problem that ends reading (syntax outside a handed-over value, truncation). */
  onFatal: (message: string, line: number) => void;
  /** A value that was skipped (too deep, too large); reading goes on after it. */
  onSkipped: (message: string, line: number) => void;
  maxDepth: number;
  maxValueChars: number;
  /** The root must be one of these ('{' / '['). */
  rootKinds?: string;
}

interface Frame {
  kind: '{' | '[';
  path: JsonPath;
  /** '{': expecting 'key' | 'colon' | 'value' | 'comma'; '[': 'value' | 'comma'. */
  expect: 'key' | 'colon' | 'value' | 'comma' | 'value-or-close' | 'key-or-close';
  key: string;
  index: number;
}

interface Capture {
  /** Where the value starts in the current chunk (0 when it began in an earlier chunk). */
  start: number;
  /** The value's text from earlier chunks; joined once, when the value ends. */
  pieces: string[];
  size: number;
  line: number;
  path: JsonPath;
  kind: 'container' | 'string' | 'scalar';
  depth: number;
  inString: boolean;
  escaped: boolean;
  /** Set when the value went over a limit: we still walk to its end, but keep no text. */
  skipReason?: string;
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

export class JsonSplitter {
  private buffer = '';
  private position = 0;
  private line = 1;
  private stack: Frame[] = [];
  private capture: Capture | null = null;
  private keyText: string | null = null;
  private keyEscaped = false;
  private keyLine = 0;
  private started = false;
  private finished = false;
  private failed = false;

  constructor(private readonly options: JsonSplitterOptions) {}

  get ok(): boolean {
    return !this.failed;
  }

  write(text: string): void {
    if (this.failed) return;
    this.generation++;
    // Each chunk is scanned on its own (never concatenated): an unfinished value keeps its earlier
    // text in `capture.pieces`.
    this.buffer = text;
    this.position = 0;
    this.run();
    this.compact();
  }

  end(): void {
    if (this.failed) return;
    if (this.capture?.kind === 'scalar' && !this.capture.skipReason) this.finishCapture(this.buffer.length);
    if (!this.started) this.fatal('the input holds no JSON document');
    else if (this.capture || this.keyText !== null || this.stack.length > 0) {
      const opened = this.capture?.line ?? (this.keyText !== null ? this.keyLine : undefined) ?? this.openLines[this.openLines.length - 1] ?? this.line;
      this.fatal(`truncated JSON: the input ends inside a value opened at line ${opened}`);
    }
  }

  private openLines: number[] = [];

  private compact(): void {
    const cap = this.capture;
    if (cap && !cap.skipReason) {
      const rest = this.buffer.slice(cap.start);
      cap.pieces.push(rest);
      cap.size += rest.length;
      cap.start = 0;
      if (cap.size > this.options.maxValueChars) {
        cap.skipReason = `value larger than ${Math.round(this.options.maxValueChars / 1e6)} M characters`;
        cap.pieces = [];
      }
    }
    this.buffer = '';
    this.position = 0;
  }

  private fatal(message: string, line = this.line): void {
    this.failed = true;
    this.options.onFatal(message, line);
  }

  private run(): void {
    const text = this.buffer;
    let i = this.position;
    const n = text.length;
    while (i < n && !this.failed) {
      if (this.capture) {
        i = this.scanCapture(text, i);
        continue;
      }
      if (this.keyText !== null) {
        i = this.scanKey(text, i);
        continue;
      }
      const c = text.charCodeAt(i);
      if (c === 0x0a) {
        this.line++;
        i++;
        continue;
      }
      if (isSpace(c)) {
        i++;
        continue;
      }
      i = this.structural(text, i, c);
    }
    this.position = i;
  }

  /** One significant character outside captured values. Returns the next position. */
  private structural(text: string, i: number, c: number): number {
    const ch = text[i]!;
    if (this.finished) {
      this.fatal(`unexpected ${describe(ch)} after the end of the JSON document`);
      return i + 1;
    }
    const frame = this.stack[this.stack.length - 1];
    if (!frame) {
      if (this.started) return i + 1;
      const allowed = this.options.rootKinds ?? '{[';
      if (!allowed.includes(ch)) {
        this.fatal(`expected ${allowed.split('').map((k) => `'${k}'`).join(' or ')} but found ${describe(ch)}`);
        return i + 1;
      }
      this.started = true;
      this.open(ch as '{' | '[', []);
      return i + 1;
    }
    if (frame.kind === '{') {
      switch (frame.expect) {
        case 'key-or-close':
        case 'key':
          if (frame.expect === 'key-or-close' && c === 0x7d) return this.close(i);
          if (c !== 0x22) return this.unexpected(ch, 'a property name');
          this.keyText = '';
          this.keyEscaped = false;
          this.keyLine = this.line;
          return i + 1;
        case 'colon':
          if (c !== 0x3a) return this.unexpected(ch, "':'");
          frame.expect = 'value';
          return i + 1;
        case 'value':
          return this.beginValue(text, i, [...frame.path, frame.key]);
        case 'comma':
          if (c === 0x2c) {
            frame.expect = 'key';
            return i + 1;
          }
          if (c === 0x7d) return this.close(i);
          return this.unexpected(ch, "',' or '}'");
        default:
          return this.unexpected(ch, 'a value');
      }
    }
    switch (frame.expect) {
      case 'value-or-close':
      case 'value':
        if (frame.expect === 'value-or-close' && c === 0x5d) return this.close(i);
        return this.beginValue(text, i, [...frame.path, frame.index]);
      case 'comma':
        if (c === 0x2c) {
          frame.index++;
          frame.expect = 'value';
          return i + 1;
        }
        if (c === 0x5d) return this.close(i);
        return this.unexpected(ch, "',' or ']'");
      default:
        return this.unexpected(ch, 'a value');
    }
  }

  private unexpected(ch: string, wanted: string): number {
    this.fatal(`invalid JSON: expected ${wanted} but found ${describe(ch)}`);
    return this.buffer.length;
  }

  private open(kind: '{' | '[', path: JsonPath): void {
    if (this.stack.length >= this.options.maxDepth) {
      this.fatal(`JSON nested deeper than ${this.options.maxDepth} levels`);
      return;
    }
    this.stack.push({ kind, path, expect: kind === '{' ? 'key-or-close' : 'value-or-close', key: '', index: 0 });
    this.openLines.push(this.line);
  }

  private close(i: number): number {
    const frame = this.stack.pop()!;
    if (frame.path.length > 0) this.options.onClose?.(frame.path);
    this.openLines.pop();
    this.afterValue();
    return i + 1;
  }

  private afterValue(): void {
    const parent = this.stack[this.stack.length - 1];
    if (parent) parent.expect = 'comma';
    else this.finished = true;
  }

  private beginValue(text: string, i: number, path: JsonPath): number {
    const c = text.charCodeAt(i);
    if ((c === 0x7b || c === 0x5b) && this.options.descend(path)) {
      this.open(text[i] as '{' | '[', path);
      return i + 1;
    }
    const kind = c === 0x7b || c === 0x5b ? 'container' : c === 0x22 ? 'string' : 'scalar';
    this.capture = { start: i, pieces: [], size: 0, line: this.line, path, kind, depth: kind === 'container' ? 1 : 0, inString: kind === 'string', escaped: false };
    return i + 1;
  }

  /** Walks a handed-over value to its end; strings are skipped quickly with indexOf. */
  private scanCapture(text: string, i: number): number {
    const cap = this.capture!;
    const n = text.length;
    if (cap.kind === 'scalar') {
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === 0x2c || c === 0x7d || c === 0x5d || isSpace(c)) {
          this.finishCapture(i);
          return i;
        }
        i++;
      }
      return i;
    }
    while (i < n) {
      if (cap.inString) {
        if (cap.escaped) {
          cap.escaped = false;
          if (text.charCodeAt(i) === 0x0a) this.line++;
          i++;
          continue;
        }
        // Jump to the next quote or backslash.
        const q = text.indexOf('"', i);
        const b = this.nextBackslash(text, i);
        if (q === -1 && b === -1) {
          this.countLines(text, i, n);
          return n;
        }
        if (b !== -1 && (q === -1 || b < q)) {
          this.countLines(text, i, b);
          cap.escaped = true;
          i = b + 1;
          continue;
        }
        this.countLines(text, i, q);
        cap.inString = false;
        i = q + 1;
        if (cap.kind === 'string') {
          this.finishCapture(i);
          return i;
        }
        continue;
      }
      const c = text.charCodeAt(i);
      if (c === 0x22) cap.inString = true;
      else if (c === 0x7b || c === 0x5b) {
        cap.depth++;
        if (cap.depth > this.options.maxDepth && !cap.skipReason) {
          cap.skipReason = `JSON nested deeper than ${this.options.maxDepth} levels`;
        }
      } else if (c === 0x7d || c === 0x5d) {
        cap.depth--;
        if (cap.depth === 0) {
          this.finishCapture(i + 1);
          return i + 1;
        }
      } else if (c === 0x0a) this.line++;
      i++;
    }
    return i;
  }

  /** Bumped on every write, so remembered search positions are dropped when the buffer changes. */
  private generation = 0;
  private backslashGeneration = -1;
  private backslashAt = -1;
  private newlineGeneration = -1;
  private newlineAt = -1;

  /** Next backslash at or after `from`, remembered per buffer so scanning stays linear. */
  private nextBackslash(text: string, from: number): number {
    if (this.backslashGeneration !== this.generation || (this.backslashAt !== -1 && this.backslashAt < from)) {
      this.backslashGeneration = this.generation;
      this.backslashAt = text.indexOf('\\', from);
    }
    return this.backslashAt;
  }

  private countLines(text: string, from: number, to: number): void {
    for (;;) {
      if (this.newlineGeneration !== this.generation || (this.newlineAt !== -1 && this.newlineAt < from)) {
        this.newlineGeneration = this.generation;
        this.newlineAt = text.indexOf('\n', from);
      }
      if (this.newlineAt === -1 || this.newlineAt >= to) return;
      this.line++;
      from = this.newlineAt + 1;
    }
  }

  private finishCapture(end: number): void {
    const cap = this.capture!;
    this.capture = null;
    if (cap.skipReason) this.options.onSkipped(`${cap.skipReason}: skipped the value at ${describePath(cap.path)}`, cap.line);
    else {
      const tail = this.buffer.slice(cap.start, end);
      this.options.onValue(cap.path, cap.pieces.length === 0 ? tail : cap.pieces.join('') + tail, cap.line);
    }
    this.afterValue();
  }

  private scanKey(text: string, i: number): number {
    const n = text.length;
    let start = i;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (this.keyEscaped) this.keyEscaped = false;
      else if (c === 0x5c) this.keyEscaped = true;
      else if (c === 0x22) {
        this.keyText += text.slice(start, i);
        const raw = this.keyText!;
        this.keyText = null;
        const frame = this.stack[this.stack.length - 1]!;
        try {
          frame.key = JSON.parse(`"${raw}"`) as string;
        } catch {
          this.fatal('invalid JSON: malformed property name', this.keyLine);
        }
        frame.expect = 'colon';
        return i + 1;
      } else if (c === 0x0a) {
        this.fatal('invalid JSON: line break inside a property name', this.keyLine);
        return n;
      }
      i++;
      if (i - start + this.keyText!.length > 1_000_000) {
        this.fatal('invalid JSON: property name longer than 1 M characters', this.keyLine);
        return n;
      }
    }
    this.keyText += text.slice(start, n);
    start = n;
    return n;
  }
}

function describe(ch: string): string {
  const code = ch.charCodeAt(0);
  return code < 0x20 || code === 0x7f || code === 0xfffd ? `byte 0x${code.toString(16).padStart(2, '0')}` : `'${ch}'`;
}

export function describePath(path: JsonPath): string {
  return path.length === 0 ? 'the document' : path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '');
}
