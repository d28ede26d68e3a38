// What a picked file is, before it is parsed (the core's classifyInput,
// core/zone/input_kind.h): a zone is read; UTF-16 is decoded and gzip
// inflated, then read; anything else (an empty file, a file of comments only,
// a saved web page, an archive, a PDF, a picture, a JSON document that is no
// DNS export, an export pasted through Markdown) is refused
// with its kind, so no check ever reports on input it did not read.

/** Bytes of the head the core looks at. */
const HEAD_BYTES = 8192;

/** The kinds read as a zone once converted; the others are refused. */
const CONVERTED = new Set(['utf16le', 'utf16be', 'gzip']);

/**
 * A file that is not a zone. `kind` is the core's name for what it is
 * ("empty", "comments-only", "html", "zip", "archive", "gzip", "pdf",
 * "image", "json-other", "markdown", "binary"); the words are messages.js
 * `input.<kind>`.
 */
export class NotAZoneError extends Error {
  constructor(file, kind) {
    super(`${file}: not a zone file (${kind})`);
    this.name = 'NotAZoneError';
    this.file = file;
    this.kind = kind;
  }
}

/** The core's name for what `bytes` are. */
export function classify(core, bytes) {
  return core.classifyInput(bytes.subarray(0, HEAD_BYTES), bytes.length <= HEAD_BYTES);
}

// gzip inflated through the platform's DecompressionStream (browsers, Node 18
// and later), stopped past `limit` bytes: a small file must not inflate into
// gigabytes.
async function inflate(bytes, limit, file) {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  const reader = stream.getReader();
  const parts = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > limit) throw new NotAZoneError(file, 'too-large-inflated');
      parts.push(value);
    }
  } catch (e) {
    if (e instanceof NotAZoneError) throw e;
    throw new NotAZoneError(file, 'bad-gzip');
  } finally {
    reader.releaseLock();
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * A source made ready for the parser: its bytes as a zone the parser reads.
 * @param core the loaded wasm module
 * @param {{name: string, bytes: Uint8Array}} source
 * @param {number} limit the most bytes an inflated file may have
 * @returns {Promise<{bytes: Uint8Array, kind: string, decodedFrom: string | null}>}
 *   kind: what the bytes are now ("text"); decodedFrom: "utf16le", "utf16be" or "gzip"
 *   when the shell converted them, else null
 * @throws NotAZoneError
 */
export async function readableSource(core, source, limit) {
  let { bytes } = source;
  let kind = classify(core, bytes);
  let decodedFrom = null;
  if (kind === 'gzip') {
    bytes = await inflate(bytes, limit, source.name);
    decodedFrom = 'gzip';
    kind = classify(core, bytes);
  }
  if (kind === 'utf16le' || kind === 'utf16be') {
    bytes = core.utf16ToUtf8(bytes, kind === 'utf16be');
    decodedFrom ??= kind;
    kind = classify(core, bytes);
  }
  if (kind !== 'text' || CONVERTED.has(kind)) throw new NotAZoneError(source.name, kind);
  return { bytes, kind, decodedFrom };
}
