// octoDNS zone files (YAML: one top-level key per record name, '' for the apex,
// each a record set {type, value | values, ttl, octodns: {...}} or a list of
// them) read through the `yaml` package, turned into a zone the core reads
// (BIND with absolute names, one record per line, the Cloudflare provider's
// `octodns: cloudflare: proxied` as a cf_tags comment), and the core's fix
// turned back into a patch of the YAML: only the record sets the fix changes
// are rewritten, every other line stays byte for byte.
// Record formats: https://github.com/octodns/octodns/blob/main/docs/records.md
// Cloudflare provider: https://github.com/octodns/octodns-cloudflare (README).
import { Document, isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';

/** octoDNS's TTL when a record set states none. */
const DEFAULT_TTL = 3600;

/** Types Cloudflare proxies (the provider's proxied flag means something only on these). */
const PROXIABLE = new Set(['A', 'AAAA', 'CNAME', 'ALIAS']);

/** The record types read; others (URLFWD, LOC, HTTPS, SVCB, ...) are listed as skipped. */
const READ = new Set(['A', 'AAAA', 'CNAME', 'ALIAS', 'DNAME', 'MX', 'NS', 'PTR', 'SRV', 'TXT', 'SPF', 'CAA', 'SSHFP', 'TLSA', 'DS', 'NAPTR']);

/** A YAML file that cannot be read: file, line, column and the token there. */
export class OctodnsError extends Error {
  constructor(file, kind, line = 0, column = 0, token = '') {
    super(`${file}:${line}:${column}: ${kind} ${JSON.stringify(token)}`);
    this.name = 'OctodnsError';
    this.file = file;
    this.kind = kind;
    this.line = line;
    this.column = column;
    this.token = token;
  }
}

const isYamlName = (name) => /\.ya?ml$/i.test(String(name ?? ''));

function parse(text) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, keepSourceTokens: false, uniqueKeys: true });
  return { doc, lineCounter };
}

// A record set: a map with a `type`.
const isSet = (node) => isMap(node) && isScalar(node.get('type', true)) && typeof node.get('type') === 'string';

/**
 * Whether `text` (a file called `name`) is an octoDNS zone file: a .yaml or .yml
 * file whose top level maps record names to record sets or lists of them.
 * @returns {boolean}
 * @throws OctodnsError 'bad-yaml' when a .yaml file is not YAML at all
 */
export function isOctodns(name, text) {
  if (!isYamlName(name)) return false;
  const { doc, lineCounter } = parse(text);
  if (doc.errors.length) {
    const e = doc.errors[0];
    const at = lineCounter.linePos(e.pos[0]);
    // The token there: the word, else the one character.
    const token = /^[^\s,:[\]{}#]+|^\S/.exec(text.slice(e.pos[0])) ?? [''];
    throw new OctodnsError(name, 'bad-yaml', at.line, at.col, token[0]);
  }
  const top = doc.contents;
  if (!isMap(top) || !top.items.length) return false;
  return top.items.every((p) => isScalar(p.key) && (isSet(p.value) || (isSeq(p.value) && p.value.items.length > 0 && p.value.items.every(isSet))));
}

/** The domain an octoDNS file name gives (octoDNS keeps zone example.com. in example.com.yaml); '' if none. */
export function octodnsDomain(name) {
  const base = String(name ?? '').replace(/^.*[\\/]/, '').replace(/\.ya?ml$/i, '').replace(/\.$/, '');
  return /^[a-z0-9_-]+(\.[a-z0-9_-]+)+$/i.test(base) ? base.toLowerCase() : '';
}

// BIND text of one character-string: quoted, `"` and `\` escaped.
const quoted = (s) => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

// A TXT value of octoDNS (`;` written `\;`) as BIND character-strings of at most 255 octets.
function txtRdata(value) {
  const text = String(value).replace(/\\;/g, ';');
  const bytes = new TextEncoder().encode(text);
  if (bytes.length <= 255) return quoted(text);
  const parts = [];
  let at = 0;
  const dec = new TextDecoder();
  while (at < bytes.length) {
    let end = Math.min(bytes.length, at + 255);
    // Not inside a UTF-8 sequence.
    while (end < bytes.length && (bytes[end] & 0xc0) === 0x80) end -= 1;
    parts.push(quoted(dec.decode(bytes.subarray(at, end))));
    at = end;
  }
  return parts.join(' ');
}

// A value of a record set as BIND RDATA.
function rdata(type, v) {
  const o = v && typeof v === 'object' ? v : {};
  switch (type) {
    case 'MX':
      return `${o.preference ?? o.priority} ${o.exchange ?? o.value}`;
    case 'SRV':
      return `${o.priority} ${o.weight} ${o.port} ${o.target}`;
    case 'CAA':
      return `${o.flags ?? 0} ${o.tag} ${quoted(String(o.value ?? ''))}`;
    case 'SSHFP':
      return `${o.algorithm} ${o.fingerprint_type} ${o.fingerprint}`;
    case 'TLSA':
      return `${o.certificate_usage} ${o.selector} ${o.matching_type} ${o.certificate_association_data}`;
    case 'DS':
      return `${o.key_tag} ${o.algorithm} ${o.digest_type} ${o.digest}`;
    case 'NAPTR':
      return `${o.order} ${o.preference} ${quoted(String(o.flags ?? ''))} ${quoted(String(o.service ?? ''))} ${quoted(String(o.regexp ?? ''))} ${o.replacement}`;
    case 'TXT':
    case 'SPF':
      return txtRdata(v);
    default:
      return String(v);
  }
}

// The owner of key `k` in `domain`.
const ownerOf = (k, domain) => (k === '' ? `${domain}.` : `${k}.${domain}.`);

/**
 * An octoDNS zone file as a zone the core reads.
 * @param {string} name the file's name (diagnostics and the fix name it)
 * @param {string} text the YAML
 * @param {string} domain the zone's domain (no trailing dot)
 * @returns {{bytes: Uint8Array, lines: {line: number, column: number}[], sets: object[], skipped: string[], cloudflare: boolean}}
 *   lines[i]: the YAML line and column of the zone's line i + 1; sets: each record set
 *   (its key, node, pair and the zone lines it became)
 */
export function octodnsToZone(name, text, domain) {
  const { doc, lineCounter } = parse(text);
  const at = (node) => {
    const p = lineCounter.linePos(node?.range?.[0] ?? 0);
    return { line: p.line, column: p.col };
  };
  const top = doc.contents;
  // A YAML alias (*name) read as the node its anchor (&name) marks.
  const deref = (n) => (isAlias(n) ? n.resolve(doc) : n);
  const out = [`$ORIGIN ${domain}.`];
  const lines = [at(top.items[0].key)];
  const sets = [];
  const skipped = [];
  // The Cloudflare provider's proxied flag anywhere: the file is kept for Cloudflare, and a record
  // without the flag is DNS only (the provider's default). Without it the proxy state is unknown.
  const cloudflare = /(^|\n)\s*cloudflare:/.test(text) && top.items.some((p) => (isSeq(p.value) ? p.value.items : [p.value]).some((s) => s.hasIn(['octodns', 'cloudflare'])));
  for (const pair of top.items) {
    const key = String(pair.key.value ?? '');
    const units = isSeq(pair.value) ? pair.value.items : [pair.value];
    for (const node of units) {
      const type = String(node.get('type')).toUpperCase();
      const set = { key, pair, node, inSeq: isSeq(pair.value), type, zoneLines: [] };
      sets.push(set);
      if (node.getIn(['octodns', 'ignored']) === true) continue;
      if (!READ.has(type)) {
        skipped.push(`${key || '@'} ${type}`);
        continue;
      }
      const ttl = Number.isInteger(node.get('ttl')) ? node.get('ttl') : DEFAULT_TTL;
      const proxied = node.getIn(['octodns', 'cloudflare', 'proxied']);
      const tag = cloudflare && PROXIABLE.has(type) ? ` ; cf_tags=cf-proxied:${proxied === true ? 'true' : 'false'}` : '';
      const many = deref(node.get('values', true));
      const valueNodes = isSeq(many) ? many.items.map(deref) : [deref(node.get('value', true))];
      // ALIAS is a CNAME at the apex that the provider flattens (Cloudflare: CNAME flattening).
      const bindType = type === 'ALIAS' ? 'CNAME' : type;
      for (const vn of valueNodes) {
        if (vn === undefined || vn === null) continue;
        const v = vn.toJS ? vn.toJS(doc) : vn;
        out.push(`${ownerOf(key, domain)}\t${ttl}\tIN\t${bindType}\t${rdata(type, v)}${tag}`);
        set.zoneLines.push(out.length);
        lines.push(at(vn.range ? vn : node));
      }
    }
  }
  return { bytes: new TextEncoder().encode(out.join('\n') + '\n'), lines, sets, skipped, cloudflare, text, doc };
}

// One BIND line of the core's fix: owner, ttl, type, rdata, proxied (true, false, null).
function parseZoneLine(line) {
  let tag = null;
  const m = /\s;\s*cf_tags=\S*cf-proxied:(true|false)/.exec(line);
  if (m) tag = m[1] === 'true';
  const body = line.replace(/\s;[^"]*$/, '');
  const f = /^(\S+)\s+(\d+)\s+(?:IN\s+)?([A-Z0-9]+)\s+(.*)$/i.exec(body.trim());
  if (!f) return null;
  return { owner: f[1].toLowerCase(), ttl: Number(f[2]), type: f[3].toUpperCase(), rdata: f[4].trim(), proxied: tag };
}

// The character-strings of TXT RDATA, joined.
function unquote(rd) {
  let out = '';
  for (const m of rd.matchAll(/"((?:[^"\\]|\\.)*)"/g)) out += m[1].replace(/\\(\d{3}|.)/g, (_, c) => (c.length === 3 ? String.fromCharCode(Number(c)) : c));
  return out;
}

// RDATA back as an octoDNS value.
function valueOf(type, rd) {
  const f = rd.split(/\s+/);
  switch (type) {
    case 'MX':
      return { exchange: f[1], preference: Number(f[0]) };
    case 'SRV':
      return { port: Number(f[2]), priority: Number(f[0]), target: f[3], weight: Number(f[1]) };
    case 'TXT':
    case 'SPF':
      return unquote(rd).replace(/;/g, '\\;');
    case 'CAA':
      return { flags: Number(f[0]), tag: f[1], value: unquote(f.slice(2).join(' ')) };
    default:
      return rd;
  }
}

// The record set `old` (a plain object) with these records instead: type, ttl, values and the
// proxied flag (removed when not proxied); its other keys kept, each in its place.
function rewrittenSet(old, records) {
  const type = records[0].type;
  const ttl = records[0].ttl;
  const values = records.map((r) => valueOf(type, r.rdata));
  const valueKey = values.length === 1 ? 'value' : 'values';
  const valueOut = values.length === 1 ? values[0] : values;
  let octodns = old.octodns;
  const proxied = records[0].proxied;
  if (proxied !== null) {
    const octo = { ...(old.octodns ?? {}) };
    const cf = { ...(octo.cloudflare ?? {}) };
    if (proxied) cf.proxied = true;
    else delete cf.proxied;
    if (Object.keys(cf).length) octo.cloudflare = cf;
    else delete octo.cloudflare;
    octodns = Object.keys(octo).length ? octo : undefined;
  }
  const out = {};
  let placed = false;
  for (const k of Object.keys(old)) {
    if (k === 'type') out.type = type;
    else if (k === 'ttl') out.ttl = ttl;
    else if (k === 'value' || k === 'values') {
      if (!placed) out[valueKey] = valueOut;
      placed = true;
    } else if (k === 'octodns') {
      if (octodns) out.octodns = octodns;
    } else out[k] = old[k];
  }
  // A new set: octoDNS's dump order (type, ttl, value), the proxied flag after.
  const fresh = { type, ...(ttl !== DEFAULT_TTL || 'ttl' in old ? { ttl } : {}) };
  const ordered = { ...fresh, ...out };
  if (!placed) ordered[valueKey] = valueOut;
  if (octodns && !('octodns' in out)) ordered.octodns = octodns;
  return ordered;
}

// YAML of a value; `anchors` ({key: name}) keeps the anchors (&name) the old set's keys had,
// so the aliases (*name) elsewhere in the file still find them.
function yamlText(value, anchors = {}) {
  const d = new Document(value);
  for (const [k, name] of Object.entries(anchors)) {
    const n = d.get(k, true);
    if (n) n.anchor = name;
  }
  return d.toString({ lineWidth: 0 });
}
// The anchors on a set's keys (values: &WEB ...).
const anchorsOf = (node) => Object.fromEntries(node.items.filter((p) => p.value?.anchor).map((p) => [String(p.key.value), p.value.anchor]));
const indent = (text, pad) =>
  text
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => (l ? pad + l : l));

// Line index (0-based) of offset `pos` in `text`.
function lineIndex(starts, pos) {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The core's fix of the converted zone (its unified diff) as a patch of the YAML.
 * @param {ReturnType<typeof octodnsToZone>} conv
 * @param {string} zoneDiff the core's diff of conv.bytes
 * @param {string} name the YAML file's name, for the diff's header
 * @returns {{text: string, diff: string, changed: boolean}}
 */
export function octodnsFix(conv, zoneDiff, name) {
  const { text, sets } = conv;
  const removed = new Set();
  const added = [];
  let oldLine = 0;
  for (const l of String(zoneDiff ?? '').split('\n')) {
    const h = /^@@ -(\d+)(?:,\d+)? \+\d+(?:,\d+)? @@/.exec(l);
    if (h) {
      oldLine = Number(h[1]);
      continue;
    }
    if (l.startsWith('---') || l.startsWith('+++')) continue;
    if (l.startsWith('-')) removed.add(oldLine++);
    else if (l.startsWith('+')) {
      const r = parseZoneLine(l.slice(1));
      if (r) added.push(r);
    } else if (l.startsWith(' ')) oldLine++;
  }
  if (!removed.size && !added.length) return { text, diff: '', changed: false };
  const domain = /^\$ORIGIN (\S+)\.$/m.exec(new TextDecoder().decode(conv.bytes))[1].toLowerCase();
  const ownerKey = (owner) => {
    const o = owner.replace(/\.$/, '');
    if (o === domain) return '';
    return o.endsWith(`.${domain}`) ? o.slice(0, -domain.length - 1) : null;
  };
  const oldRecords = (set) => set.zoneLines.map((n) => ({ n, ...parseZoneLine(new TextDecoder().decode(conv.bytes).split('\n')[n - 1]) }));
  // New records of each set: its old ones minus those removed, plus those added of its name and type.
  const plan = new Map();
  const touched = new Set();
  for (const set of sets) {
    if (set.zoneLines.some((n) => removed.has(n))) touched.add(set);
  }
  const pending = [...added];
  const take = (pred) => {
    const got = [];
    for (let i = pending.length - 1; i >= 0; i--) if (pred(pending[i])) got.unshift(...pending.splice(i, 1));
    return got;
  };
  for (const set of sets) {
    const type = set.type === 'ALIAS' ? 'CNAME' : set.type;
    const mine = take((r) => ownerKey(r.owner) === set.key && r.type === type);
    if (mine.length) touched.add(set);
    if (!touched.has(set)) continue;
    plan.set(set, [...oldRecords(set).filter((r) => !removed.has(r.n)), ...mine]);
  }
  // A set emptied by the fix takes the records added at its name of another type (a CNAME made an A).
  for (const set of sets) {
    if (!plan.has(set) || plan.get(set).length) continue;
    const type = pending.find((r) => ownerKey(r.owner) === set.key)?.type;
    if (type) plan.set(set, take((r) => ownerKey(r.owner) === set.key && r.type === type));
  }
  // Line edits of the YAML: [first line, last line + 1) replaced by lines.
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const lineCount = text.endsWith('\n') ? starts.length - 1 : starts.length;
  const srcLines = text.split('\n');
  const edits = [];
  for (const [set, records] of plan) {
    const old = set.node.toJS(conv.doc);
    if (set.inSeq) {
      const first = lineIndex(starts, set.node.range[0]);
      const last = lineIndex(starts, Math.max(set.node.range[0], set.node.range[1] - 1));
      if (!records.length) {
        edits.push({ from: first, to: last + 1, lines: [] });
        continue;
      }
      const dashAt = srcLines[first].indexOf('-');
      const body = indent(yamlText(rewrittenSet(old, records), anchorsOf(set.node)), ' '.repeat(dashAt + 2));
      body[0] = `${' '.repeat(dashAt)}- ${body[0].trimStart()}`;
      edits.push({ from: first, to: last + 1, lines: body });
    } else {
      const first = lineIndex(starts, set.pair.key.range[0]);
      const last = lineIndex(starts, Math.max(set.node.range[0], set.node.range[1] - 1));
      if (!records.length) {
        edits.push({ from: first, to: last + 1, lines: [] });
        continue;
      }
      const keyText = text.slice(set.pair.key.range[0], set.pair.key.range[1]);
      edits.push({ from: first, to: last + 1, lines: [`${keyText}:`, ...indent(yamlText(rewrittenSet(old, records), anchorsOf(set.node)), '  ')] });
    }
  }
  // Records of names or types the file does not have yet: new keys, in octoDNS's sorted order.
  const byKey = new Map();
  for (const r of pending) {
    const k = ownerKey(r.owner);
    if (k === null) continue;
    if (!byKey.has(k)) byKey.set(k, new Map());
    const types = byKey.get(k);
    if (!types.has(r.type)) types.set(r.type, []);
    types.get(r.type).push(r);
  }
  const topPairs = conv.doc.contents.items;
  for (const [key, types] of byKey) {
    const objs = [...types.values()].map((records) => rewrittenSet({}, records));
    const same = topPairs.find((p) => String(p.key.value ?? '') === key);
    if (same) {
      const end = lineIndex(starts, Math.max(same.value.range[0], same.value.range[1] - 1)) + 1;
      if (isSeq(same.value)) {
        // The name is a list of sets: more items after its last.
        const dashAt = srcLines[lineIndex(starts, same.value.items[0].range[0])].indexOf('-');
        edits.push({ from: end, to: end, lines: indent(yamlText(objs), ' '.repeat(dashAt)) });
      } else if (![...plan.keys()].some((s) => s.pair === same)) {
        // One set at the name: the name becomes a list of its set and the new ones.
        const from = lineIndex(starts, same.key.range[0]);
        const keyText = text.slice(same.key.range[0], same.key.range[1]);
        edits.push({ from, to: end, lines: [`${keyText}:`, ...indent(yamlText([same.value.toJS(conv.doc), ...objs]), '  ')] });
      }
      continue;
    }
    // A new name, in octoDNS's sorted order of names.
    const lines = [`${key === '' ? "''" : key}:`, ...indent(yamlText(objs.length === 1 ? objs[0] : objs), '  ')];
    const next = topPairs.find((p) => String(p.key.value ?? '').localeCompare(key, 'en') > 0);
    const where = next ? lineIndex(starts, next.key.range[0]) : lineCount;
    edits.push({ from: where, to: where, lines });
  }
  // Lines an edit leaves as they were (the key of a rewritten set, its octodns block) stay
  // out of it: each edit split on the lines its old and new text share (longest common subsequence).
  const split = [];
  for (const e of edits) split.push(...sharedLinesOut(srcLines.slice(e.from, e.to), e.lines, e.from));
  edits.length = 0;
  edits.push(...split);
  edits.sort((a, b) => a.from - b.from || a.to - b.to);
  const body = srcLines.slice(0, lineCount);
  const outLines = [];
  let at = 0;
  for (const e of edits) {
    outLines.push(...body.slice(at, e.from), ...e.lines);
    at = Math.max(at, e.to);
  }
  outLines.push(...body.slice(at));
  const newText = outLines.join('\n') + (text.endsWith('\n') || !text.length ? '\n' : '');
  return { text: newText, diff: unifiedDiff(body, edits, name), changed: newText !== text };
}

// The edit of old lines (from line `from`) into new lines, as edits of only the lines that differ.
function sharedLinesOut(old, lines, from) {
  const n = old.length;
  const m = lines.length;
  const L = Array.from({ length: n + 1 }, () => new Array(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) L[i][j] = old[i] === lines[j] ? L[i + 1][j + 1] + 1 : Math.max(L[i + 1][j], L[i][j + 1]);
  const out = [];
  let cur = null;
  let i = 0;
  let j = 0;
  const open = () => (cur ??= { from: from + i, to: from + i, lines: [] });
  const close = () => {
    if (cur) out.push(cur);
    cur = null;
  };
  while (i < n || j < m) {
    if (i < n && j < m && old[i] === lines[j]) {
      close();
      i++;
      j++;
    } else if (j < m && (i === n || L[i][j + 1] >= L[i + 1][j])) {
      open().lines.push(lines[j++]);
    } else {
      open();
      cur.to = from + ++i;
    }
  }
  close();
  return out;
}

// A unified diff (3 lines of context) of `lines` with the edits (sorted, not overlapping) applied.
function unifiedDiff(lines, edits, name) {
  const C = 3;
  const hunks = [];
  for (const e of edits) {
    const cur = hunks[hunks.length - 1];
    if (cur && e.from - cur[cur.length - 1].to <= 2 * C) cur.push(e);
    else hunks.push([e]);
  }
  let out = `--- a/${name}\n+++ b/${name}\n`;
  let shift = 0;
  for (const h of hunks) {
    const start = Math.max(0, h[0].from - C);
    const end = Math.min(lines.length, h[h.length - 1].to + C);
    let body = '';
    let at = start;
    let grow = 0;
    for (const e of h) {
      for (const l of lines.slice(at, e.from)) body += ` ${l}\n`;
      for (const l of lines.slice(e.from, e.to)) body += `-${l}\n`;
      for (const l of e.lines) body += `+${l}\n`;
      grow += e.lines.length - (e.to - e.from);
      at = e.to;
    }
    for (const l of lines.slice(at, end)) body += ` ${l}\n`;
    const oldLen = end - start;
    const newLen = oldLen + grow;
    out += `@@ -${oldLen ? start + 1 : start},${oldLen} +${newLen ? start + shift + 1 : start + shift},${newLen} @@\n${body}`;
    shift += grow;
  }
  return out;
}
