// How the command line answers the core's `$INCLUDE path`: the file's bytes,
// or null, which the core reports as include-not-found on the $INCLUDE line.
// Relative paths resolve from the including zone's folder.
//
// Only regular files are read, and only up to the core's own bound on
// included text (ParseLimits::max_input_bytes, 1 GiB): `$INCLUDE /dev/zero`
// would otherwise grow without end, and a FIFO or `/dev/stdin` would wait
// for ever. A file is opened non-blocking and checked on the open handle, so
// it cannot be swapped for something else between the check and the read.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';

/** The most bytes one included file may have: the core refuses more anyway. */
export const MAX_INCLUDE_BYTES = 2 ** 30;

/**
 * The resolver for a zone read from `file` ('-' for standard input, whose
 * includes resolve from the working folder).
 * @returns {(path: string) => Uint8Array | null}
 */
export function includeResolver(file, maxBytes = MAX_INCLUDE_BYTES) {
  const base = file === '-' ? process.cwd() : dirname(resolve(file));
  return (path) => readRegularFile(isAbsolute(path) ? path : resolve(base, path), maxBytes);
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
