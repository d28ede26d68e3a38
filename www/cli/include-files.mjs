// How the command line answers the core's `$INCLUDE path`: the file's bytes;
// null, which the core reports as include-not-found on the $INCLUDE line; or
// false, a refusal the core reports as include-outside: the file is not under
// the folder includes may come from. Relative paths resolve from the
// including zone's folder.
//
// That folder is the zone file's own unless the person names another
// (`--include-root DIR`): a zone written by someone else could otherwise
// `$INCLUDE /home/me/.netrc` and have its lines quoted back in diagnostics.
// The check is made on the path with every symbolic link resolved, so a link
// inside the folder to a file outside it is refused too.
//
// Only regular files are read, and only up to the core's own bound on
// included text (ParseLimits::max_input_bytes, 1 GiB): `$INCLUDE /dev/zero`
// would otherwise grow without end, and a FIFO or `/dev/stdin` would wait
// for ever. A file is opened non-blocking and checked on the open handle, so
// it cannot be swapped for something else between the check and the read.
//
// Each file is read once per zone: the answer is kept by its resolved path,
// so a zone that includes one file thousands of times (a nested fan-out,
// bounded in the core by ParseLimits::max_includes) costs one read of it.
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, resolve, sep } from 'node:path';

/** The most bytes one included file may have: the core refuses more anyway. */
export const MAX_INCLUDE_BYTES = 2 ** 30;

/** Bytes of included files kept for a second $INCLUDE of the same file. */
const MAX_CACHED_BYTES = 2 ** 28;

/** `path` with every link resolved, or null when it does not exist or cannot be resolved. */
function realPath(path) {
  try {
    return realpathSync.native(path);
  } catch {
    return null;
  }
}

/** Whether `full` (resolved) is `root` (resolved) or under it. */
export function isWithin(full, root) {
  return full === root || full.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * The resolver for a zone read from `file` ('-' for standard input, whose
 * includes resolve from the working folder).
 * @param {string} file
 * @param {{root?: string | null, maxBytes?: number}} [options] root: the folder included files
 *   must be under (default: the zone file's own folder; for '-', the working folder)
 * @returns {(path: string) => Uint8Array | null | false}
 */
export function includeResolver(file, { root = null, maxBytes = MAX_INCLUDE_BYTES } = {}) {
  const base = file === '-' ? process.cwd() : dirname(resolve(file));
  const written = resolve(root ?? base);
  let real; // the root with its links resolved, on first use: most zones include nothing
  const cache = new Map();
  let cached = 0;
  return (path) => {
    real ??= realPath(written) ?? written;
    // Outside as written: refused whether or not the file exists, so that
    // the answer tells nothing of what lies outside.
    const asWritten = isAbsolute(path) ? resolve(path) : resolve(base, path);
    if (!isWithin(asWritten, written) && !isWithin(asWritten, real)) return false;
    const full = realPath(asWritten);
    if (full === null) return null;
    if (!isWithin(full, real)) return false;
    if (cache.has(full)) return cache.get(full);
    const bytes = readRegularFile(full, maxBytes);
    if (cached + (bytes?.length ?? 0) <= MAX_CACHED_BYTES) {
      cache.set(full, bytes);
      cached += bytes?.length ?? 0;
    }
    return bytes;
  };
}

/**
 * A regular file's bytes, at most `maxBytes`: one non-blocking open, one fstat on
 * the handle, one read. Null when it is not a regular file, is larger, or cannot be read.
 */
export function readRegularFile(full, maxBytes) {
  let fd;
  try {
    fd = openSync(full, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return null;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.size > maxBytes) return null;
    const bytes = new Uint8Array(st.size);
    let got = 0;
    // The file may shrink while it is read; it is never read past its size.
    while (got < bytes.length) {
      const n = readSync(fd, bytes, got, bytes.length - got, null);
      if (n === 0) break;
      got += n;
    }
    return got === bytes.length ? bytes : bytes.subarray(0, got);
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}
