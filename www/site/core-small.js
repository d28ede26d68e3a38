// The small core (www/lib/wasm/small/, what the browser loads) with the API
// of the fast core's embind bindings (wasm/*_bindings.cpp): ZoneReader,
// Session, Analysis, classifyInput, providerOf, utf16ToUtf8, HEAPU8. The small core has
// no embind, only the C exports of wasm/small_api.cpp (their calling
// convention is described there); this module is what turns them back into
// the objects www/lib and the site use. The site's and the extension's
// builds import it in place of wasm/mxray-core.js. It lives here, not in
// www/lib, because the npm package (www/lib/*.js) carries only the fast core. Strings go in as embind
// sends them (Emscripten's UTF-8 encoder: a Uint8Array as its bytes) and come
// out as embind gives them (TextDecoder, invalid UTF-8 as U+FFFD). The batch's
// ZoneBatch is not here: the batch runs under Node, on the fast core.
import createSmallCore from '../lib/wasm/small/mxray-core.js';

const decoder = new TextDecoder('utf-8');

/**
 * Loads the small core; `options` as Emscripten's (locateFile,
 * instantiateWasm, wasmBinary). Resolves to the API the fast core gives.
 */
export default async function createMxrayCore(options = {}) {
  const includes = new Map(); // reader handle -> the JS includes function
  const m = await createSmallCore({
    ...options,
    // The parser's $INCLUDE: 0 none, 1 refused, 2 found (bytes in mxs_include_buffer).
    mxsInclude(reader, pathAddress, pathLength) {
      const fn = includes.get(reader);
      const r = fn(decoder.decode(m.HEAPU8.subarray(pathAddress, pathAddress + pathLength)));
      if (r === null || r === undefined) return 0;
      if (r === false) return 1;
      if (typeof r !== 'string' && !(r instanceof Uint8Array)) return 0;
      put(m._mxs_include_buffer, r);
      return 2;
    },
  });

  // Writes `value` (a string as UTF-8, or bytes) where room(n) says.
  const put = (room, value) => {
    if (typeof value === 'string') {
      const n = m.lengthBytesUTF8(value);
      // stringToUTF8 ends with a NUL at [n]: room() gives a std::string's
      // data(), whose [size()] is its own NUL.
      m.stringToUTF8(value, room(n), n + 1);
      return;
    }
    if (value instanceof Uint8Array || value instanceof Uint8ClampedArray || value instanceof Int8Array || value instanceof ArrayBuffer) {
      const bytes = value instanceof ArrayBuffer ? new Uint8Array(value) : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
      const at = room(bytes.length);
      m.HEAPU8.set(bytes, at);
      return;
    }
    throw new TypeError('Cannot pass non-string to std::string');
  };
  const arg = (slot, value) => put((n) => m._mxs_arg(slot, n), value);
  // The bytes a call returned (at `address`, mxs_out_len() long), copied out.
  const bytesAt = (address) => m.HEAPU8.slice(address, address + m._mxs_out_len());
  const text = (address) => decoder.decode(m.HEAPU8.subarray(address, address + m._mxs_out_len()));
  // The main file of each zone (strings or Uint8Arrays); anything else is empty.
  const stageTexts = (texts) => {
    m._mxs_texts_clear();
    if (!Array.isArray(texts)) return;
    for (const t of texts) {
      if (typeof t === 'string' || t instanceof Uint8Array) put(m._mxs_texts_add, t);
      else m._mxs_texts_add(0);
    }
  };
  const live = (h, what) => {
    if (!h) throw new Error(`${what}: the object was deleted`);
    return h;
  };

  class ZoneReader {
    constructor(fileName, optionsJson, includesFn) {
      arg(0, fileName);
      arg(1, optionsJson);
      const withIncludes = typeof includesFn === 'function';
      this.h = m._mxs_reader_new(withIncludes ? 1 : 0);
      if (withIncludes) includes.set(this.h, includesFn);
    }
    inputBuffer(size) {
      return m._mxs_reader_input_buffer(live(this.h, 'ZoneReader'), size) >>> 0;
    }
    feedInput(length) {
      m._mxs_reader_feed_input(live(this.h, 'ZoneReader'), length);
    }
    finish() {
      m._mxs_reader_finish(live(this.h, 'ZoneReader'));
    }
    recordCount() {
      return m._mxs_reader_record_count(live(this.h, 'ZoneReader')) >>> 0;
    }
    diagnosticCount() {
      return m._mxs_reader_diagnostic_count(live(this.h, 'ZoneReader')) >>> 0;
    }
    dump(start, count, generic) {
      return text(m._mxs_reader_dump(live(this.h, 'ZoneReader'), start, count, generic ? 1 : 0));
    }
    summaryJson() {
      return text(m._mxs_reader_summary_json(live(this.h, 'ZoneReader')));
    }
    delete() {
      m._mxs_reader_free(live(this.h, 'ZoneReader'));
      includes.delete(this.h);
      this.h = 0;
    }
  }

  class Session {
    constructor(domain, optionsJson) {
      arg(0, domain);
      arg(1, optionsJson);
      this.h = m._mxs_session_new();
    }
    addZone(reader) {
      m._mxs_session_add_zone(live(this.h, 'Session'), live(reader.h, 'ZoneReader'));
    }
    start() {
      m._mxs_session_start(live(this.h, 'Session'));
    }
    error() {
      return text(m._mxs_session_error(live(this.h, 'Session')));
    }
    domain() {
      return text(m._mxs_session_domain(live(this.h, 'Session')));
    }
    pending() {
      const h = live(this.h, 'Session');
      const n = m._mxs_session_pending(h);
      const out = [];
      for (let i = 0; i < n; i++) {
        const id = m._mxs_session_pending_id(h, i) >>> 0;
        const name = text(m._mxs_session_pending_name(h, i));
        const type = text(m._mxs_session_pending_type(h, i));
        const wire = bytesAt(m._mxs_session_pending_wire(h, i));
        out.push({ id, name, type, wire });
      }
      return out;
    }
    round() {
      return m._mxs_session_round(live(this.h, 'Session')) >>> 0;
    }
    done() {
      return m._mxs_session_done(live(this.h, 'Session')) !== 0;
    }
    feedWire(id, bytes) {
      arg(0, bytes);
      return m._mxs_session_feed_wire(live(this.h, 'Session'), id) !== 0;
    }
    feedJson(id, json) {
      arg(0, json);
      return m._mxs_session_feed_json(live(this.h, 'Session'), id) !== 0;
    }
    feedFailure(id, kind, detail) {
      arg(0, kind);
      arg(1, detail);
      return m._mxs_session_feed_failure(live(this.h, 'Session'), id) !== 0;
    }
    factsJson() {
      return text(m._mxs_session_facts_json(live(this.h, 'Session')));
    }
    delete() {
      m._mxs_session_free(live(this.h, 'Session'));
      this.h = 0;
    }
  }

  class Analysis {
    constructor(session, optionsJson) {
      arg(0, optionsJson);
      this.h = m._mxs_analysis_new(live(session.h, 'Session'));
    }
    error() {
      return text(m._mxs_analysis_error(live(this.h, 'Analysis')));
    }
    report(texts, optionsJson) {
      const h = live(this.h, 'Analysis');
      stageTexts(texts);
      arg(0, optionsJson);
      const out = text(m._mxs_analysis_report(h));
      m._mxs_texts_clear();
      return out;
    }
    fixBytes(texts) {
      const h = live(this.h, 'Analysis');
      stageTexts(texts);
      const n = m._mxs_analysis_fix(h);
      m._mxs_texts_clear();
      if (n < 0) return null;
      const zones = [];
      for (let i = 0; i < n; i++) {
        const flags = m._mxs_analysis_fix_flags(h, i);
        zones.push({
          index: m._mxs_analysis_fix_index(h, i) >>> 0,
          file: text(m._mxs_analysis_fix_file(h, i)),
          changed: (flags & 1) !== 0,
          utf8: (flags & 2) !== 0,
          text: bytesAt(m._mxs_analysis_fix_text(h, i)),
          diff: bytesAt(m._mxs_analysis_fix_diff(h, i)),
        });
      }
      const at = m._mxs_analysis_fix_import(h);
      return { zones, cloudflareImport: at ? bytesAt(at) : null };
    }
    summary() {
      return text(m._mxs_analysis_summary(live(this.h, 'Analysis')));
    }
    delete() {
      m._mxs_analysis_free(live(this.h, 'Analysis'));
      this.h = 0;
    }
  }

  return {
    ZoneReader,
    Session,
    Analysis,
    classifyInput(head, whole) {
      arg(0, head);
      return text(m._mxs_classify_input(whole ? 1 : 0));
    },
    providerOf(address) {
      arg(0, address);
      return text(m._mxs_provider_of());
    },
    utf16ToUtf8(bytes, bigEndian) {
      arg(0, bytes);
      return bytesAt(m._mxs_utf16_to_utf8(bigEndian ? 1 : 0));
    },
    /** The wasm memory as bytes; read it after each call (growing the memory replaces it). */
    get HEAPU8() {
      return m.HEAPU8;
    },
  };
}
