// Hands bytes to a ZoneReader through its input buffer in wasm memory: one
// HEAPU8.set() instead of embind's byte-by-byte string conversion.
export function feedBytes(core, reader, bytes) {
  const address = reader.inputBuffer(bytes.length);
  // Read HEAPU8 after the call: growing the memory replaces the view.
  core.HEAPU8.set(bytes, address);
  reader.feedInput(bytes.length);
}

// Reads a whole file descriptor into the reader, straight into wasm memory
// (no intermediate buffer), `chunk` bytes at a time. `readSync` is Node's.
export function feedFromFd(core, reader, fd, readSync, chunk = 1 << 20) {
  for (;;) {
    const address = reader.inputBuffer(chunk);
    let n;
    try {
      n = readSync(fd, core.HEAPU8, address, chunk, null);
    } catch (e) {
      if (e.code === 'EAGAIN') continue;
      if (e.code === 'EOF') break;
      throw e;
    }
    if (n === 0) break;
    reader.feedInput(n);
  }
}
