// What a file is, told at the moment it is picked, from its head only: the
// same steps as the check's www/lib/input.js readableSource (gzip inflated,
// UTF-16 decoded, then the core's classifyInput), without reading the whole
// file. A million-record zone is looked at in a few milliseconds, and a file
// that is not a zone is refused before it reaches the list.
import { classify } from '../lib/input.js';

// More than the 8 KiB input.js hands to the core, so that the core is told the
// head is not the whole file exactly when the check would tell it so, UTF-16
// halved into UTF-8 included.
const LOOK_BYTES = 64 * 1024;

// The first `max` bytes a gzip file inflates to; null when it cannot be
// inflated. The rest of the stream is never inflated.
async function inflatedHead(file, max) {
  const reader = file.stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  const parts = [];
  let size = 0;
  try {
    while (size < max) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      size += value.length;
    }
  } catch {
    return null;
  } finally {
    reader.cancel().catch(() => {});
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out.subarray(0, max);
}

/**
 * The core's kind of `file` as the check will see it: "text" for a file that
 * is read as a zone (UTF-16 and gzip ones too), else the kind that refuses it
 * ("html", "zip", "empty", "bad-gzip" ...; the words are messages.js input.<kind>),
 * or "unreadable" when the browser cannot read the file.
 * @param core the loaded wasm module
 * @param {Blob} file
 * @returns {Promise<string>}
 */
export async function lookAt(core, file) {
  let head;
  try {
    head = new Uint8Array(await file.slice(0, LOOK_BYTES).arrayBuffer());
  } catch {
    return 'unreadable';
  }
  let kind = classify(core, head);
  if (kind === 'gzip') {
    head = await inflatedHead(file, LOOK_BYTES);
    if (head === null) return 'bad-gzip';
    kind = classify(core, head);
  }
  if (kind === 'utf16le' || kind === 'utf16be') {
    head = core.utf16ToUtf8(head, kind === 'utf16be');
    kind = classify(core, head);
  }
  return kind;
}
