/** A Buffer seen as a plain Uint8Array (same memory), which the typings here do not equate. */
export function asBytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
