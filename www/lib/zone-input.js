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

/**
 * The domain a zone file is for, without asking its parser: its $ORIGIN (not "."), the
 * ";; Domain:" line of a Cloudflare export, an absolute SOA owner, or (when
 * `byName`) a file name zone files are kept under: cPanel's
 * /var/named/<domain>.db, BIND's <domain>.zone or <domain>.hosts
 * ("club.example-export.txt" names no domain). One rule for `mxray check --zone`,
 * `--zone-dir`, the website and the popup.
 * @returns {{domain: string, stated: boolean}} stated: the file says it itself
 */
export function zoneDomain(text, fileName = '', byName = true) {
  const head = text.slice(0, 1 << 16);
  // "$ORIGIN ." names no domain: Cloudflare's exports of about 2016 to 2018
  // begin so, with absolute names and the domain on the ";; Domain:" line.
  const origin = /^\$ORIGIN[ \t]+(\S+)/m.exec(head);
  if (origin && origin[1] !== '.') return { domain: origin[1], stated: true };
  const cf = /^;;[ \t]*Domain:[ \t]*(\S+)/m.exec(head);
  if (cf) return { domain: cf[1], stated: true };
  const soa = /^([^\s;$@][^\s;]*\.)[ \t]+(?:[^\n;]*?[ \t])?SOA[ \t]/im.exec(head);
  if (soa) return { domain: soa[1], stated: false };
  const named = byName && /^(.+)\.(db|zone|hosts)$/i.exec(String(fileName).replace(/^.*[\\/]/, ''));
  if (named && /^[a-z0-9_-]+(\.[a-z0-9_-]+)+\.?$/i.test(named[1])) return { domain: named[1], stated: false };
  return { domain: '', stated: false };
}
