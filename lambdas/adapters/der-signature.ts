/**
 * ECDSA signature encodings. KMS returns signatures as DER (`SEQUENCE { INTEGER r, INTEGER s }`,
 * RFC 3279); JWS wants the fixed-size concatenation `r || s` (RFC 7518 §3.4). DER integers
 * are minimal and signed: a value with its top bit set gains a leading 0x00, and a value
 * with leading zero bytes loses them, so r and s are anywhere from 1 to 33 bytes long.
 */

export class SignatureFormatError extends Error {
  override name = 'SignatureFormatError';
}

/** Converts a DER ECDSA signature to JOSE form; `size` is the curve's byte length (32 for P-256). */
export function derToJose(der: Uint8Array, size = 32): Uint8Array {
  const reader = new DerReader(der);
  reader.expectTag(0x30, 'SEQUENCE');
  const sequenceLength = reader.readLength();
  if (sequenceLength !== der.length - reader.offset)
    throw new SignatureFormatError('DER sequence length does not match the signature length');
  const out = new Uint8Array(2 * size);
  out.set(reader.readUnsignedInteger(size), 0);
  out.set(reader.readUnsignedInteger(size), size);
  if (reader.offset !== der.length) throw new SignatureFormatError('trailing bytes after the DER signature');
  return out;
}

class DerReader {
  offset = 0;

  constructor(private readonly bytes: Uint8Array) {}

  private next(): number {
    const byte = this.bytes[this.offset++];
    if (byte === undefined) throw new SignatureFormatError('DER signature is truncated');
    return byte;
  }

  expectTag(tag: number, name: string): void {
    if (this.next() !== tag) throw new SignatureFormatError(`expected a DER ${name}`);
  }

  /** Short form (< 128) or long form with one or two length bytes; that covers every ECDSA curve. */
  readLength(): number {
    const first = this.next();
    if (first < 0x80) return first;
    const count = first & 0x7f;
    if (count < 1 || count > 2) throw new SignatureFormatError('unsupported DER length');
    let length = 0;
    for (let i = 0; i < count; i++) length = (length << 8) | this.next();
    return length;
  }

  /** Reads an INTEGER and returns it left-padded to `size` bytes, without its sign byte. */
  readUnsignedInteger(size: number): Uint8Array {
    this.expectTag(0x02, 'INTEGER');
    const length = this.readLength();
    if (length < 1 || this.offset + length > this.bytes.length) throw new SignatureFormatError('DER integer has a bad length');
    let value = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    if ((value[0]! & 0x80) !== 0) throw new SignatureFormatError('DER integer is negative');
    while (value.length > 1 && value[0] === 0) value = value.subarray(1);
    if (value.length > size) throw new SignatureFormatError(`DER integer is longer than ${size} bytes`);
    const padded = new Uint8Array(size);
    padded.set(value, size - value.length);
    return padded;
  }
}
