// The protobuf wire format, read-only and bounds-checked: just enough to decode OTLP export
// requests without a schema compiler. Every read checks the buffer's end, so a truncated or hostile
// body throws a `ProtobufError` naming the byte offset instead of reading garbage.

export class ProtobufError extends Error {
  constructor(message: string, readonly offset: number) {
    super(`${message} at byte ${offset}`);
  }
}

export const WireType = { varint: 0, fixed64: 1, lengthDelimited: 2, fixed32: 5 } as const;

const utf8 = new TextDecoder('utf-8', { fatal: false });

export class ProtobufReader {
  private pos: number;
  private readonly view: DataView;

  constructor(private readonly bytes: Uint8Array, start = 0, private readonly end = bytes.length) {
    this.pos = start;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get offset(): number {
    return this.pos;
  }

  atEnd(): boolean {
    return this.pos >= this.end;
  }

  /** The next field's number and wire type. */
  tag(): { field: number; wireType: number } {
    const at = this.pos;
    const key = this.varintNumber();
    const field = Math.floor(key / 8);
    if (field === 0) throw new ProtobufError('field number 0', at);
    return { field, wireType: key % 8 };
  }

  /** A varint as a BigInt (int64/uint64 fields keep all their bits). */
  varint(): bigint {
    const at = this.pos;
    let result = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (this.pos >= this.end) throw new ProtobufError('truncated varint', at);
      const byte = this.bytes[this.pos++]!;
      result |= BigInt(byte & 0x7f) << shift;
      if (byte < 0x80) return BigInt.asUintN(64, result);
    }
    throw new ProtobufError('varint longer than 10 bytes', at);
  }

  /** A varint that fits a JS number (tags, lengths, enums, counts); larger values throw. */
  varintNumber(): number {
    const at = this.pos;
    let result = 0;
    let factor = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new ProtobufError('truncated varint', at);
      const byte = this.bytes[this.pos++]!;
      result += (byte & 0x7f) * factor;
      if (byte < 0x80) {
        if (!Number.isSafeInteger(result)) throw new ProtobufError('varint too large', at);
        return result;
      }
      factor *= 128;
    }
    throw new ProtobufError('varint longer than 10 bytes', at);
  }

  /** An enum or int32: negative values are sign-extended to 64 bits on the wire. */
  int32(): number {
    return Number(BigInt.asIntN(32, this.varint()));
  }

  int64(): bigint {
    return BigInt.asIntN(64, this.varint());
  }

  bool(): boolean {
    return this.varint() !== 0n;
  }

  fixed64(): bigint {
    this.need(8);
    const value = this.view.getBigUint64(this.pos, true);
    this.pos += 8;
    return value;
  }

  double(): number {
    this.need(8);
    const value = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return value;
  }

  fixed32(): number {
    this.need(4);
    const value = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return value;
  }

  /** A length-delimited field's bytes (a view, not a copy). */
  bytesField(): Uint8Array {
    const length = this.varintNumber();
    this.need(length);
    const slice = this.bytes.subarray(this.pos, this.pos + length);
    this.pos += length;
    return slice;
  }

  string(): string {
    return utf8.decode(this.bytesField());
  }

  /** A reader over an embedded message, which must lie within this one. */
  message(): ProtobufReader {
    const length = this.varintNumber();
    this.need(length);
    const inner = new ProtobufReader(this.bytes, this.pos, this.pos + length);
    this.pos += length;
    return inner;
  }

  /** Skips a field of the given wire type (unknown fields are ignored, as protobuf requires). */
  skip(wireType: number): void {
    const at = this.pos;
    switch (wireType) {
      case WireType.varint:
        this.varint();
        return;
      case WireType.fixed64:
        this.need(8);
        this.pos += 8;
        return;
      case WireType.lengthDelimited:
        this.bytesField();
        return;
      case WireType.fixed32:
        this.need(4);
        this.pos += 4;
        return;
      default:
        // Groups (3, 4) are deprecated and never used by OTLP; anything else is corruption.
        throw new ProtobufError(`unsupported wire type ${wireType}`, at);
    }
  }

  /** Reads every field of this message, calling `onField` for each; `onField` must consume the value or return false to skip it. */
  each(onField: (field: number, wireType: number) => boolean): void {
    while (!this.atEnd()) {
      const { field, wireType } = this.tag();
      if (!onField(field, wireType)) this.skip(wireType);
    }
  }

  private need(length: number): void {
    if (length < 0 || this.pos + length > this.end) throw new ProtobufError(`truncated field (${length} bytes needed, ${Math.max(0, this.end - this.pos)} left)`, this.pos);
  }
}
