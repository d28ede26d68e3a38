// $INCLUDE on the site: a browser gives the page only the files a person
// picked, by name, never a path. A zone's `$INCLUDE path` is answered with the
// picked file whose name is the path's last part ("Add files" puts it next to
// the zone), and that file is then read only through the zone that names it,
// not checked as a zone of its own.

// Windows over the text, overlapping so that a $INCLUDE line cut by one window
// is whole in the next (a longer line is no directive anyone writes).
const WINDOW_BYTES = 1 << 20;
const OVERLAP_BYTES = 4096;
// A directive starts its line (RFC 1035 §5.1); the path may be quoted.
const INCLUDE_LINE = /^\$INCLUDE[ \t]+(?:"([^"\n]*)"|([^\s;]+))/gim;

/** The last part of a path as a zone writes it ("inc/mail.db" -> "mail.db"). */
export const lastPart = (path) => String(path).replace(/^.*[\\/]/, '');

/** The last parts of the paths that `bytes`' $INCLUDE lines name. */
export function includedNames(bytes) {
  const names = new Set();
  const decoder = new TextDecoder();
  for (let at = 0; at < bytes.length; at += WINDOW_BYTES) {
    const text = decoder.decode(bytes.subarray(at, Math.min(bytes.length, at + WINDOW_BYTES + OVERLAP_BYTES)));
    for (const m of text.matchAll(INCLUDE_LINE)) names.add(lastPart(m[1] ?? m[2]));
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
  for (const f of files) for (const n of includedNames(f.bytes)) if (n !== f.name) named.add(n);
  const zones = files.filter((f) => !named.has(f.name));
  // Files that only name each other: none is left out, the core reports the loop.
  return (zones.length ? zones : files).map((f) => ({ ...f, includes }));
}
