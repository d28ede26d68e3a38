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

/**
 * What a Cloudflare API list-records page (GET /zones/{zone_id}/dns_records)
 * says of the listing it belongs to: its `result_info` page number, page count
 * and page size, and the zone its first record names (zone_name, else
 * zone_id: the core takes its apex from the first record too). Null for
 * anything else: a single record, bare records, a BIND file, bad JSON.
 * @param {Uint8Array} bytes
 * @returns {{zone: string, page: number, pages: number, perPage: number} | null}
 */
export function listingPage(bytes) {
  // A listing page is small (Cloudflare's per_page is at most 5,000 records).
  if (bytes.length > 64 << 20) return null;
  const text = new TextDecoder().decode(bytes);
  if (!/^\s*\{/.test(text)) return null;
  let doc;
  try {
    doc = JSON.parse(text);
  } catch {
    return null;
  }
  const info = doc?.result_info;
  if (!Array.isArray(doc?.result) || !doc.result.length || !info || typeof info !== 'object') return null;
  const { page, total_pages: pages, per_page: perPage = 0 } = info;
  if (!Number.isInteger(page) || !Number.isInteger(pages) || page < 1 || page > pages) return null;
  const first = doc.result[0];
  const zone = typeof first?.zone_name === 'string' ? first.zone_name.toLowerCase().replace(/\.$/, '') : typeof first?.zone_id === 'string' ? first.zone_id : '';
  if (!zone) return null;
  return { zone, page, pages, perPage: Number.isInteger(perPage) ? perPage : 0 };
}

/**
 * The inputs to read as one zone: the pages of one Cloudflare API listing
 * (the same zone, page count and page size, each page once) are one zone, not
 * the zones of a move; every other input stands alone. Groups in the order of
 * their first input, pages in page order.
 * @param {Uint8Array[]} inputs
 * @returns {number[][]} indexes into `inputs`
 */
export function listingGroups(inputs) {
  const pages = inputs.map((bytes) => listingPage(bytes));
  const byListing = new Map();
  pages.forEach((p, i) => {
    if (!p) return;
    const key = `${p.zone}\n${p.pages}\n${p.perPage}`;
    if (!byListing.has(key)) byListing.set(key, []);
    byListing.get(key).push(i);
  });
  const joined = new Map();
  for (const members of byListing.values()) {
    const numbers = new Set(members.map((i) => pages[i].page));
    // Two copies of one page are two saves of it, perhaps before and after: not one listing.
    if (members.length < 2 || numbers.size !== members.length) continue;
    const ordered = [...members].sort((a, b) => pages[a].page - pages[b].page);
    for (const i of members) joined.set(i, ordered);
  }
  const groups = [];
  const done = new Set();
  inputs.forEach((_, i) => {
    if (done.has(i)) return;
    const group = joined.get(i) ?? [i];
    for (const g of group) done.add(g);
    groups.push(group);
  });
  return groups;
}

/**
 * The pages of one listing as the one JSON document the core reads as
 * several pages ([page, page, ...], core/zone/cloudflare_json.h): "[" before
 * the first, "\n," before each next, "\n]" at the end, so each page keeps
 * its own lines. `starts[k]` is the line of the joined text before page k's
 * first line (a diagnostic on joined line L of page k is on its line
 * L - starts[k]; on a page's first line its column is one more, for the "["
 * or "," in front).
 * @param {Uint8Array[]} pages
 * @returns {{bytes: Uint8Array, starts: number[]}}
 */
export function joinListingPages(pages) {
  const enc = new TextEncoder();
  const parts = [];
  const starts = [];
  let line = 0;
  pages.forEach((bytes, k) => {
    parts.push(enc.encode(k === 0 ? '[' : '\n,'));
    if (k > 0) line += 1;
    starts.push(line);
    parts.push(bytes);
    for (const b of bytes) if (b === 0x0a) line += 1;
  });
  parts.push(enc.encode('\n]'));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return { bytes: out, starts };
}
