// Splits a byte stream into lines without ever building one string of the whole input.
// Works on bytes: '\n' never occurs inside a multi-byte UTF-8 sequence, so chunk edges are safe.

export interface LineSplitterOptions {
  /** Lines longer than this (in bytes) are dropped with a warning instead of being held in memory. */
  maxLineBytes: number;
  onLine: (text: string, lineNumber: number) => void;
  onOversizedLine: (lineNumber: number, bytes: number) => void;
  /** Called once per line that contained bytes that are not valid UTF-8 (they become U+FFFD). */
  onInvalidUtf8?: (lineNumber: number) => void;
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Bytes of the current line seen after it went over the limit (the line is being skipped). */
  private oversizedBytes = -1;
  private lineNumber = 1;

  constructor(private readonly options: LineSplitterOptions) {}

  write(chunk: Buffer): void {
    let start = 0;
    while (start < chunk.length) {
      const end = chunk.indexOf(NEWLINE, start);
      if (end === -1) {
        this.hold(chunk, start, chunk.length);
        return;
      }
      if (this.oversizedBytes >= 0) {
        this.finishOversized(this.oversizedBytes + (end - start));
      } else if (this.pendingBytes === 0) {
        this.emit(chunk, start, end);
      } else {
        this.hold(chunk, start, end);
        if (this.oversizedBytes >= 0) this.finishOversized(this.oversizedBytes);
        else {
          const whole = Buffer.concat(this.pending, this.pendingBytes);
          this.pending = [];
          this.pendingBytes = 0;
          this.emit(whole, 0, whole.length);
        }
      }
      start = end + 1;
    }
  }

  /** Flushes the last line (files need not end with a newline). */
  end(): void {
    if (this.oversizedBytes >= 0) {
      this.finishOversized(this.oversizedBytes);
    } else if (this.pendingBytes > 0) {
      const whole = Buffer.concat(this.pending, this.pendingBytes);
      this.pending = [];
      this.pendingBytes = 0;
      this.emit(whole, 0, whole.length, true);
    }
  }

  private hold(chunk: Buffer, start: number, end: number): void {
    if (this.oversizedBytes >= 0) {
      this.oversizedBytes += end - start;
      return;
    }
    this.pendingBytes += end - start;
    if (this.pendingBytes > this.options.maxLineBytes) {
      this.oversizedBytes = this.pendingBytes;
      this.pending = [];
      this.pendingBytes = 0;
      return;
    }
    // Copy: the caller may reuse the chunk's memory.
    this.pending.push(Buffer.from(chunk.subarray(start, end)));
  }

  private finishOversized(bytes: number): void {
    this.options.onOversizedLine(this.lineNumber, bytes);
    this.oversizedBytes = -1;
    this.lineNumber++;
  }

  private emit(buffer: Buffer, start: number, end: number, last = false): void {
    let stop = end;
    if (stop > start && buffer[stop - 1] === CARRIAGE_RETURN) stop--;
    const text = buffer.toString('utf8', start, stop);
    if (this.options.onInvalidUtf8 && text.includes('\uFFFD') && !hasLiteralReplacementChar(buffer, start, stop)) {
      this.options.onInvalidUtf8(this.lineNumber);
    }
    this.options.onLine(text, this.lineNumber);
    if (!last) this.lineNumber++;
  }
}

/** True when U+FFFD was written in the input itself (EF BF BD), so its presence is not a decoding error. */
function hasLiteralReplacementChar(buffer: Buffer, start: number, end: number): boolean {
  return buffer.subarray(start, end).includes(Buffer.from([0xef, 0xbf, 0xbd]));
}
