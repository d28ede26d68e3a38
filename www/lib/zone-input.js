// Hands bytes to a ZoneReader through its input buffer in wasm memory: one
// HEAPU8.set() instead of embind's byte-by-byte string conversion.
export function feedBytes(core, reader, bytes) {
  const address = reader.inputBuffer(bytes.length);
  // Read HEAPU8 after the call: growing the memory replaces the view.
  core.HEAPU8.set(bytes, address);
  reader.feedInput(bytes.length);
}
