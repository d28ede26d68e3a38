// $INCLUDE on the site: a browser gives the page only the files a person
// picked, by name, never a path. A zone's `$INCLUDE path` is answered with the
// picked file whose name is the path's last part ("Add files" puts it next to
// the zone), and that file is then read only through the zone that names it,
// not checked as a zone of its own.

const DOLLAR = 0x24;
const LF = 0x0a;
// Bytes of a $INCLUDE line looked at; a longer path is no file a browser picks.
const MAX_LINE_BYTES = 4096;
// A directive starts its line (RFC 1035 §5.1); the path may be quoted.
const INCLUDE_LINE = /^\$INCLUDE[ \t]+(?:"([^"\r\n]*)"|([^\s;]+))/i;

/** The last part of a path as a zone writes it ("inc/mail.db" -> "mail.db"). */
export const lastPart = (path) => String(path).replace(/^.*[\\/]/, '');

/**
 * The last parts of the paths that `bytes`' $INCLUDE lines name. Only the
 * lines that start with "$" are decoded (the platform's indexOf finds them),
 * so a zone of a million records costs one pass over its bytes.
 */
export function includedNames(bytes) {
  const names = new Set();
  const decoder = new TextDecoder();
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (let at = bytes.indexOf(DOLLAR); at !== -1; at = bytes.indexOf(DOLLAR, at + 1)) {
    if (at !== bom && bytes[at - 1] !== LF) continue;
    const stop = Math.min(bytes.length, at + MAX_LINE_BYTES);
    const end = bytes.subarray(at, stop).indexOf(LF);
    const m = INCLUDE_LINE.exec(decoder.decode(bytes.subarray(at, end === -1 ? stop : at + end)));
    if (m) names.add(lastPart(m[1] ?? m[2]));
  }
  return names;
}

/**
 * The picked files as the check's sources: every file that another file's
 * $INCLUDE names leaves the list of zones, and each zone answers its
 * $INCLUDE paths from the picked files.
 * @param {{name: string, bytes: Uint8Array}[]} files
 * @returns {{name: string, bytes: Uint8Array, includes: (path: string) => Uint8Array | null}[]}
 */
export function zoneSources(files) {
  const byName = new Map(files.map((f) => [f.name, f.bytes]));
  const includes = (path) => byName.get(lastPart(path)) ?? null;
  const named = new Set();
  // One file has no other to include: its bytes need no pass.
  if (files.length > 1) for (const f of files) for (const n of includedNames(f.bytes)) if (n !== f.name) named.add(n);
  const zones = files.filter((f) => !named.has(f.name));
  // Files that only name each other: none is left out, the core reports the loop.
  return (zones.length ? zones : files).map((f) => ({ ...f, includes }));
}
