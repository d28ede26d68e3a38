// Terraform as input: `.tf` files with Cloudflare DNS record resources (the
// provider's v4 `cloudflare_record` and v5 `cloudflare_dns_record`, as people
// and cf-terraforming write them) and `terraform show -json` output. The core
// reads neither: each record becomes one line of Cloudflare API JSON (which
// carries `proxied`), and a table keeps, for each such line, the .tf line and
// the resource address it came from, so findings point at the Terraform file.
// The fix comes back as a patch of the .tf file, every untouched line byte for
// byte.
//
// HCL is parsed by HashiCorp's own parser (hcl2json, the npm package
// @cdktf/hcl2json, compiled to wasm), which the shell hands in as `parseHcl`:
// the command line has it, the website does not load it. hcl2json gives no
// line numbers; a resource's line is found by locating `resource "<type>"
// "<name>" {` in the text and its closing brace by counting braces outside
// strings and comments. That only finds places; the values always come from
// the parser.
//
// Facts: the provider's resources, docs/sources.md#terraform.

/** The provider's DNS record resource types: v4 (and before) and v5. */
export const RECORD_TYPES = ['cloudflare_record', 'cloudflare_dns_record'];

/** What went wrong reading a Terraform input; `code` is cli-messages.js `terraform.<code>`. */
export class TerraformError extends Error {
  constructor(code, values = {}) {
    super(`${values.file ?? ''}: ${code}${values.detail ? `: ${values.detail}` : ''}`);
    this.name = 'TerraformError';
    this.code = code;
    this.values = values;
  }
}

const RESOURCE_RE = /(^|\n)[ \t]*resource[ \t]+"?cloudflare_(?:dns_)?record"?[ \t]+/;

/**
 * What kind of Terraform input `text` is: "hcl" (a .tf file with a Cloudflare DNS
 * record resource), "show-json" (`terraform show -json` output that holds one),
 * else null. Truthy exactly when the input is Terraform's.
 * @param {string} name the file's name
 * @param {string} text its text (the head is enough for JSON)
 */
export function terraformKind(name, text) {
  const t = String(text ?? '');
  if (/\.tf$/i.test(String(name ?? '')) && RESOURCE_RE.test(t)) return 'hcl';
  const head = t.slice(0, 1 << 16);
  if (/^\s*\{/.test(head) && /"format_version"\s*:/.test(head) && /"(?:values|root_module|planned_values|resource_changes)"\s*:/.test(t) && /"type"\s*:\s*"cloudflare_(?:dns_)?record"/.test(t)) return 'show-json';
  return null;
}

// ---- locating: lines of blocks and attributes in the .tf text --------------

// The text's line starts (offsets), for offset -> line.
function lineStarts(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function lineOf(starts, offset) {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

// The offset of the brace that closes the one at `open`, skipping strings (with
// their ${...} templates), comments and heredocs; -1 when none does.
function closingBrace(text, open) {
  let depth = 0;
  let i = open;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
      continue;
    }
    if (c === '<' && text[i + 1] === '<') {
      const m = /^<<-?([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n/.exec(text.slice(i, i + 300));
      if (m) {
        const end = new RegExp(`\\n[ \\t]*${m[1]}[ \\t]*(?=\\r?\\n|$)`).exec(text.slice(i + m[0].length - 1));
        i = end ? i + m[0].length - 1 + end.index + end[0].length : n;
        continue;
      }
    }
    if (c === '"') {
      i = stringEnd(text, i);
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) return i;
    }
    i++;
  }
  return -1;
}

// The offset just past the string that starts at `at` (a quote), templates included.
function stringEnd(text, at) {
  let i = at + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === '"') return i + 1;
    else if (c === '\n') return i;
    else if ((c === '$' || c === '%') && text[i + 1] === '{' && text[i - 1] !== c) {
      let depth = 0;
      i++;
      while (i < text.length) {
        if (text[i] === '"') i = stringEnd(text, i) - 1;
        else if (text[i] === '{') depth++;
        else if (text[i] === '}' && --depth === 0) break;
        i++;
      }
      i++;
    } else i++;
  }
  return i;
}

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Where each resource block of `type` named `name` lies in `text`: lines of its
 * header and closing brace (1-based), and its top-level attribute lines.
 * @returns {{line: number, end: number, attrs: Map<string, {line: number, endLine: number}>} | null}
 */
export function locateResource(text, type, name, starts = lineStarts(text)) {
  const label = (s) => `(?:"${escapeRe(s)}"|${escapeRe(s)})`;
  const re = new RegExp(`(^|\\n)[ \\t]*resource[ \\t]+${label(type)}[ \\t]+${label(name)}[ \\t]*\\{`, 'g');
  const m = re.exec(text);
  if (!m) return null;
  const open = m.index + m[0].length - 1;
  const close = closingBrace(text, open);
  if (close < 0) return null;
  const line = lineOf(starts, open);
  const end = lineOf(starts, close);
  const attrs = new Map();
  // Top-level attributes: `name = ...` or a nested block `data {`, at depth 1.
  let i = open + 1;
  while (i < close) {
    const lineEnd = text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i);
    const lineText = text.slice(i, Math.min(lineEnd, close));
    const a = /^[ \t]*([A-Za-z_][A-Za-z0-9_-]*)[ \t]*(=|\{)/.exec(lineText);
    let next = lineEnd + 1;
    if (a) {
      const at = i + a.index + a[0].length - 1;
      // A value that opens a brace or a bracket ends where it closes.
      const rest = text.slice(at + 1, lineEnd).trimStart();
      let stop = lineEnd;
      if (a[2] === '{' || rest.startsWith('{')) {
        const b = a[2] === '{' ? at : text.indexOf('{', at);
        const e = closingBrace(text, b);
        if (e > 0) stop = e;
      } else if (/^[[(]/.test(rest) || (/^"/.test(rest) === false && /<<-?[A-Za-z_]/.test(rest))) {
        stop = lineEnd; // multi-line lists and heredocs are not rewritten
      }
      attrs.set(a[1], { line: lineOf(starts, i), endLine: lineOf(starts, stop) });
      next = (text.indexOf('\n', stop) < 0 ? text.length : text.indexOf('\n', stop)) + 1;
    }
    i = next;
  }
  return { line, end, attrs };
}

// ---- values -----------------------------------------------------------------

const isExpr = (v) => typeof v === 'string' && /[$%]\{/.test(v);

// A plan's value that is "known after apply" (its after_unknown), as Terraform words it.
export const AFTER_APPLY = Object.freeze({ afterApply: '(known after apply)' });

// The value as a JSON-able scalar, or {unknown: text} when Terraform fills it in.
function scalar(v) {
  if (Array.isArray(v) && v.length === 1) v = v[0];
  if (isExpr(v)) return { unknown: v };
  if (v === AFTER_APPLY) return { unknown: v.afterApply };
  return { value: v };
}

// A DNS name without its trailing dot, lower-cased.
const plainName = (s) => String(s).replace(/\.$/, '').toLowerCase();

// A name that looks like a domain of its own (two labels or more, the last one
// letters): only such names can tell the zone when nothing else does.
const domainLike = (s) => /^(?:[a-z0-9_*-]+\.)+[a-z]{2,63}$/i.test(s) && !s.split('.').pop().startsWith('_');

/**
 * The zone's domain: the one given; else the zone a `cloudflare_zone` resource of
 * the file names; else the one absolute record name that every other absolute
 * name lies under; else the file's name (example.com.tf).
 * @returns {{domain: string, from: 'given' | 'zone-resource' | 'names' | 'file-name'} | null}
 */
export function terraformDomain({ given = '', zones = [], names = [], file = '' }) {
  if (given) return { domain: plainName(given), from: 'given' };
  const zs = [...new Set(zones.filter((z) => typeof z === 'string' && !isExpr(z)).map(plainName))];
  if (zs.length === 1) return { domain: zs[0], from: 'zone-resource' };
  const abs = [...new Set(names.filter((n) => typeof n === 'string' && !isExpr(n)).map(plainName).filter(domainLike))];
  if (abs.length) {
    const shortest = abs.reduce((a, b) => (b.split('.').length < a.split('.').length ? b : a));
    if (abs.every((n) => n === shortest || n.endsWith(`.${shortest}`))) return { domain: shortest, from: 'names' };
    return null;
  }
  // Only a .tf's name: a show -json's (plan.json) names no zone.
  const last = String(file).split(/[\\/]/).pop();
  const base = last.replace(/\.tf$/i, '');
  if (base !== last && domainLike(base)) return { domain: plainName(base), from: 'file-name' };
  return null;
}

// A Terraform record name as the API's full name: "@" and the zone itself are the
// apex; a name at or under the zone is absolute; any other is relative to it
// (the provider appends the zone, as the API does).
function fullName(name, domain) {
  const n = plainName(name);
  if (n === '@' || n === domain) return domain;
  if (n.endsWith(`.${domain}`)) return n;
  return `${n}.${domain}`;
}

// Attributes the core reads from an API record's `data`.
const DATA_KEYS = ['priority', 'weight', 'port', 'target', 'flags', 'tag', 'value', 'usage', 'selector', 'matching_type', 'certificate', 'algorithm', 'fingerprint', 'key_tag', 'digest_type', 'digest', 'public_key', 'protocol'];

/**
 * One resource's record as an API record, or the values Terraform fills in.
 * @returns {{record: object | null, unknown: {attribute: string, value: string}[]}}
 */
function recordOf(body, domain) {
  const unknown = [];
  const out = {};
  const take = (attr, v) => {
    const s = scalar(v);
    if ('unknown' in s) unknown.push({ attribute: attr, value: s.unknown });
    return s.value;
  };
  for (const meta of ['count', 'for_each']) if (body[meta] !== undefined) unknown.push({ attribute: meta, value: typeof body[meta] === 'string' ? body[meta] : JSON.stringify(body[meta]) });
  const name = take('name', body.name);
  const type = take('type', body.type);
  const contentAttr = body.content !== undefined ? 'content' : body.value !== undefined ? 'value' : null;
  const content = contentAttr ? take(contentAttr, body[contentAttr]) : undefined;
  const proxied = body.proxied === undefined ? undefined : take('proxied', body.proxied);
  const ttl = body.ttl === undefined ? undefined : take('ttl', body.ttl);
  const priority = body.priority === undefined ? undefined : take('priority', body.priority);
  let data;
  if (body.data !== undefined) {
    const d = Array.isArray(body.data) ? body.data[0] : body.data;
    if (d && typeof d === 'object') {
      data = {};
      for (const k of DATA_KEYS) if (d[k] !== undefined) data[k] = take(`data.${k}`, d[k]);
    }
  }
  if (unknown.length || typeof name !== 'string' || typeof type !== 'string') return { record: null, unknown };
  out.zone_name = domain;
  out.name = fullName(name, domain);
  out.type = type.toUpperCase();
  if (content !== undefined) out.content = String(content);
  // Left out, a record is DNS only: the provider's default (docs/sources.md#terraform).
  if (proxied === undefined) out.proxied = false;
  else if (typeof proxied === 'boolean') out.proxied = proxied;
  else if (proxied === 'true' || proxied === 'false') out.proxied = proxied === 'true';
  if (Number.isFinite(Number(ttl)) && ttl !== '' && ttl !== null) out.ttl = Number(ttl);
  if (priority !== undefined && priority !== null && Number.isFinite(Number(priority))) out.priority = Number(priority);
  if (data && Object.keys(data).length) out.data = data;
  return { record: out, unknown };
}

// "main.tf:2,6-3,1: Invalid expression; Expected ..." from hcl2json's error.
function syntaxError(e, file) {
  const text = String(e?.message ?? e).replace(/^parse config: \[|\]$/g, '');
  const m = /:(\d+),(\d+)(?:-\d+(?:,\d+)?)?: ([^\]]*)/.exec(text);
  return new TerraformError('syntax', { file, line: m ? Number(m[1]) : 0, column: m ? Number(m[2]) : 0, detail: m ? m[3] : text });
}

/**
 * Terraform inputs as one zone the core reads: Cloudflare API JSON, one record a
 * line (line 1 is "["; record k, from 0, is on line k + 2). Several .tf files given
 * together are one configuration (a module split into files), so one zone.
 * @param {{name: string, text: string} | {name: string, text: string}[]} sources all
 *   of one kind (terraformKind)
 * @param {object} options
 * @param {string} [options.domain] the zone's domain, when the person gave it
 * @param {(file: string, text: string) => Promise<object>} [options.parseHcl] hcl2json's parse
 * @returns {Promise<{kind: string, files: string[], texts: Map<string, string>, domain: string,
 *   domainFrom: string, text: string, rows: {file: string, address: string, type: string, name: string,
 *   line: number | null, end: number | null, attrs: object | null}[],
 *   unknown: {file: string, address: string, line: number | null, attribute: string, value: string}[],
 *   resources: number}>}
 *   rows[k]: the resource of JSON line k + 2; unknown: the resources left out, and why
 * @throws TerraformError
 */
export async function terraformToZone(sources, { domain = '', parseHcl = null } = {}) {
  const list = [].concat(sources);
  const kind = terraformKind(list[0]?.name, list[0]?.text);
  const items = [];
  const zones = [];
  let show = null;
  for (const source of list) {
    if (terraformKind(source.name, source.text) !== kind || !kind) throw new TerraformError('not-terraform', { file: source.name });
    const found = kind === 'hcl' ? await hclResources(source, parseHcl) : showJsonResources(source);
    for (const item of found.items) items.push({ ...item, file: source.name });
    zones.push(...found.zones);
    show ??= found.show ?? null;
  }
  const names = items.map((r) => (Array.isArray(r.body.name) ? r.body.name[0] : r.body.name));
  let zone = terraformDomain({ given: domain, zones, names, file: list[0].name });
  for (const source of list.slice(1)) zone ??= terraformDomain({ file: source.name });
  if (!zone) throw new TerraformError('no-domain', { file: list.map((x) => x.name).join(', ') });
  const rows = [];
  const lines = [];
  const unknown = [];
  for (const item of items) {
    const { record, unknown: u } = recordOf(item.body, zone.domain);
    for (const x of u) unknown.push({ file: item.file, address: item.address, line: item.where?.attrs.get(x.attribute.split('.')[0])?.line ?? item.where?.line ?? null, ...x });
    if (!record) continue;
    lines.push(JSON.stringify(record));
    rows.push({ file: item.file, address: item.address, type: item.type, name: item.name, line: item.where?.line ?? null, end: item.where?.end ?? null, attrs: item.where ? Object.fromEntries(item.where.attrs) : null, body: item.body });
  }
  const text = `[\n${lines.join(',\n')}${lines.length ? '\n' : ''}]\n`;
  const texts = new Map(list.map((x) => [x.name, x.text]));
  return { kind, show, files: list.map((x) => x.name), texts, domain: zone.domain, domainFrom: zone.from, text, rows, unknown, resources: items.length };
}

async function hclResources(source, parseHcl) {
  if (typeof parseHcl !== 'function') throw new TerraformError('no-parser', { file: source.name });
  let parsed;
  try {
    parsed = await parseHcl(source.name, source.text);
  } catch (e) {
    throw syntaxError(e, source.name);
  }
  const starts = lineStarts(source.text);
  const items = [];
  for (const type of RECORD_TYPES) {
    for (const [name, bodies] of Object.entries(parsed?.resource?.[type] ?? {})) {
      const where = locateResource(source.text, type, name, starts);
      for (const body of [].concat(bodies)) items.push({ address: `${type}.${name}`, type, name, body, where });
    }
  }
  items.sort((a, b) => (a.where?.line ?? 0) - (b.where?.line ?? 0));
  const zones = [];
  for (const bodies of Object.values(parsed?.resource?.cloudflare_zone ?? {})) {
    for (const z of [].concat(bodies)) zones.push(z.zone ?? z.name);
  }
  return { items, zones };
}

// The attributes read from a record resource; those a plan knows only after apply are marked.
const READ_ATTRS = ['name', 'type', 'content', 'value', 'proxied', 'priority', 'data'];

// `terraform show -json`: of a state, values.root_module; of a plan, planned_values.root_module
// (what the state will be), each with child_modules nested; a plan's attributes that
// resource_changes[].change.after_unknown marks are known only after apply. A plan without
// planned_values is read from resource_changes[].change.after (all but deletions).
function showJsonResources(source) {
  let doc;
  try {
    doc = JSON.parse(source.text);
  } catch (e) {
    throw new TerraformError('syntax', { file: source.name, line: 0, column: 0, detail: e.message });
  }
  const items = [];
  const zones = [];
  const changes = new Map();
  for (const rc of Array.isArray(doc?.resource_changes) ? doc.resource_changes : []) if (rc && typeof rc.address === 'string') changes.set(rc.address, rc);
  const show = doc?.planned_values || changes.size ? 'plan' : 'state';
  const take = (r, values) => {
    if (r?.mode && r.mode !== 'managed') return;
    const v = values && typeof values === 'object' ? values : {};
    if (r?.type === 'cloudflare_zone' && typeof (v.zone ?? v.name) === 'string') zones.push(v.zone ?? v.name);
    if (!RECORD_TYPES.includes(r?.type)) return;
    const address = String(r.address ?? `${r.type}.${r.name}`);
    const afterUnknown = changes.get(address)?.change?.after_unknown ?? {};
    // State holds the full name as `hostname` (v4) or `name` (v5); a plan may know
    // v4's hostname only after apply, its `name` (as written) before.
    const body = { ...v, name: typeof v.hostname === 'string' ? v.hostname : v.name };
    // A TTL known only after apply is the provider's default: left out, as an unset one.
    if (afterUnknown.ttl === true) delete body.ttl;
    for (const attr of READ_ATTRS) if (afterUnknown[attr] === true && !(attr === 'content' && v.value != null) && !(attr === 'value' && v.content != null)) body[attr] = AFTER_APPLY;
    items.push({ address, type: r.type, name: r.name, body, where: null });
    if (typeof v.zone_name === 'string') zones.push(v.zone_name);
  };
  const visit = (mod, depth) => {
    if (!mod || typeof mod !== 'object' || depth > 64) return;
    for (const r of Array.isArray(mod.resources) ? mod.resources : []) take(r, r?.values);
    for (const c of Array.isArray(mod.child_modules) ? mod.child_modules : []) visit(c, depth + 1);
  };
  if (doc?.planned_values) visit(doc.planned_values.root_module, 0);
  else if (changes.size) {
    for (const rc of changes.values()) {
      const actions = Array.isArray(rc.change?.actions) ? rc.change.actions : [];
      if (actions.length === 1 && actions[0] === 'delete') continue;
      take(rc, rc.change?.after);
    }
  } else visit(doc?.values?.root_module, 0);
  // A plan's zones: also those it keeps unchanged or reads (prior_state).
  if (show === 'plan') {
    const prior = (mod, depth) => {
      if (!mod || typeof mod !== 'object' || depth > 64) return;
      for (const r of Array.isArray(mod.resources) ? mod.resources : []) if (r?.type === 'cloudflare_zone' && typeof (r.values?.zone ?? r.values?.name) === 'string') zones.push(r.values.zone ?? r.values.name);
      for (const c of Array.isArray(mod.child_modules) ? mod.child_modules : []) prior(c, depth + 1);
    };
    prior(doc?.prior_state?.values?.root_module, 0);
  }
  return { items, zones, show };
}

// ---- the report, in the .tf's terms -------------------------------------------

/**
 * The row of a converted zone's line (JSON line k + 2 is rows[k]), or null.
 */
export function rowOfLine(converted, line) {
  const k = Number(line) - 2;
  return Number.isInteger(k) && k >= 0 && k < converted.rows.length ? converted.rows[k] : null;
}

/**
 * The report of a check that read Terraform inputs: every place that names a
 * converted zone's file and a line (evidence, edits, origin clues) names the
 * .tf line of the resource (null for show -json, which has no lines) and its
 * `resource` address.
 * @param {object} report
 * @param {Map<string, object>} byFile converted zones by file name
 */
export function terraformReport(report, byFile) {
  const visit = (v) => {
    if (Array.isArray(v)) return v.forEach(visit);
    if (!v || typeof v !== 'object') return;
    if (typeof v.file === 'string' && byFile.has(v.file) && /^[1-9][0-9]*$/.test(String(v.line ?? ''))) {
      const row = rowOfLine(byFile.get(v.file), v.line);
      if (row) {
        v.file = row.file;
        v.resource = row.address;
        if (row.line) v.line = typeof v.line === 'number' ? row.line : String(row.line);
        else delete v.line;
      }
    }
    for (const k of Object.keys(v)) visit(v[k]);
  };
  visit(report.findings);
  visit(report.fix?.edits);
  visit(report.fix?.origin_candidates);
}

// ---- the fix as a patch of the .tf ------------------------------------------------

// An HCL string literal of `s`: JSON's escapes, and Terraform's template
// introducers doubled so they stay literal.
export function hclString(s) {
  return JSON.stringify(String(s)).replace(/\$\{/g, '$$$${').replace(/%\{/g, '%%{');
}

// An edit's presentation data as the provider's attributes (API form: no trailing
// dot on names). Null when the type is not one the patch writes.
function attributesOf(type, data) {
  const t = String(type).toUpperCase();
  const d = String(data ?? '');
  if (t === 'A' || t === 'AAAA') return { content: d };
  if (t === 'CNAME') return { content: d.replace(/\.$/, '') };
  if (t === 'MX') {
    const m = /^(\d+)\s+(\S+)$/.exec(d.trim());
    return m ? { priority: Number(m[1]), content: m[2].replace(/\.$/, '') } : null;
  }
  if (t === 'TXT') {
    const parts = [...d.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((p) => p[1].replace(/\\(.)/g, '$1'));
    return { content: parts.length ? parts.join('') : d };
  }
  return null;
}

// `line` (one .tf line) with its value after `=` replaced, comment kept.
function withValue(line, value) {
  const m = /^([ \t]*[A-Za-z_][A-Za-z0-9_-]*[ \t]*=[ \t]*)(.*?)([ \t]*(?:#.*|\/\/.*)?)(\r?)$/.exec(line);
  return m ? `${m[1]}${value}${m[3]}${m[4]}` : null;
}

/**
 * The fix as a unified diff of the .tf file: a rewritten resource for a record
 * replaced (or removed and added again at its name), a removed resource block, a
 * new resource at the end for a record added. Lines the fix does not touch stay
 * byte for byte.
 * @param {string} text the .tf file's text
 * @param {string} file its name as the diff names it
 * @param {object} converted what terraformToZone returned for it
 * @param {object[]} edits the report's fix.edits of this zone
 * @returns {{diff: string, text: string, changed: boolean, skipped: {edit: number, why: string}[]}}
 */
export function terraformPatch(text, file, converted, edits) {
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  const lines = text.split('\n');
  const finalNewline = text.endsWith('\n');
  if (finalNewline) lines.pop();
  const ops = []; // {from, to (exclusive, 0-based), lines: string[]}
  const skipped = [];
  const used = new Set();
  if (converted.kind !== 'hcl') {
    edits.forEach((_, i) => skipped.push({ edit: i, why: 'format' }));
    return { diff: '', text, changed: false, skipped };
  }
  // terraformReport named each edit's resource.
  const rowOf = (e) => (e.record?.resource ? converted.rows.find((r) => r.file === file && r.address === e.record.resource) ?? null : null);
  const removes = edits.map((e, i) => ({ e, i })).filter(({ e }) => e.op === 'remove');
  const adds = edits.map((e, i) => ({ e, i })).filter(({ e }) => e.op === 'add');
  // A record removed and one added at its name: the resource is rewritten in place.
  for (const r of removes) {
    const a = adds.find((x) => !used.has(x.i) && x.e.name === r.e.name);
    if (a) {
      used.add(a.i);
      used.add(r.i);
      rewrite(rowOf(r.e), a.e, r.i);
    }
  }
  for (const { e, i } of edits.map((e, i) => ({ e, i }))) {
    if (used.has(i)) continue;
    if (e.op === 'replace') rewrite(rowOf(e), e, i);
    else if (e.op === 'remove') {
      const row = rowOf(e);
      if (!row?.line) skipped.push({ edit: i, why: 'record-not-found' });
      else ops.push({ from: row.line - 1, to: row.end, lines: [] });
    } else if (e.op === 'add') addResource(e, i);
    else if (e.op === 'set-dns-only') setDnsOnly(rowOf(e), i);
    else skipped.push({ edit: i, why: 'terraform-by-hand' });
  }

  // The proxy turned off: `proxied = false` (a resource without the line is DNS only already).
  function setDnsOnly(row, i) {
    if (!row?.line || !row.attrs) return skipped.push({ edit: i, why: 'record-not-found' });
    const at = row.attrs.proxied;
    if (!at) return;
    if (at.endLine !== at.line) return skipped.push({ edit: i, why: 'terraform-by-hand' });
    const next = withValue(lines[at.line - 1], 'false');
    if (next === null) return skipped.push({ edit: i, why: 'record-not-found' });
    if (next !== lines[at.line - 1]) ops.push({ from: at.line - 1, to: at.line, lines: [next] });
  }

  function rewrite(row, e, i) {
    const attrs = attributesOf(e.type, e.data);
    if (!row?.line || !row.attrs) return skipped.push({ edit: i, why: 'record-not-found' });
    if (!attrs) return skipped.push({ edit: i, why: 'terraform-by-hand' });
    const want = { type: hclString(String(e.type).toUpperCase()), proxied: e.proxied ? 'true' : 'false' };
    const contentAttr = row.attrs.content ? 'content' : row.attrs.value ? 'value' : row.type === 'cloudflare_dns_record' ? 'content' : 'value';
    want[contentAttr] = hclString(attrs.content);
    if (attrs.priority !== undefined) want.priority = String(attrs.priority);
    const body = row.body;
    const inserts = [];
    for (const [attr, value] of Object.entries(want)) {
      const at = row.attrs[attr];
      if (at) {
        if (at.endLine !== at.line) return skipped.push({ edit: i, why: 'terraform-by-hand' });
        const old = lines[at.line - 1];
        const next = withValue(old, value);
        if (next === null) return skipped.push({ edit: i, why: 'record-not-found' });
        if (next !== old) ops.push({ from: at.line - 1, to: at.line, lines: [next] });
      } else if (!(attr === 'proxied' && !e.proxied && body?.proxied === undefined)) {
        inserts.push([attr, value]);
      }
    }
    // v5's settings.flatten_cname is a CNAME's only: a record that is no longer one drops it.
    const settings = row.attrs.settings;
    if (settings && String(e.type).toUpperCase() !== 'CNAME' && body?.settings && typeof body.settings === 'object' && 'flatten_cname' in body.settings) {
      const first = lines[settings.line - 1];
      const next = withValue(first.replace(/\{.*$/, '{}'), '{}');
      ops.push({ from: settings.line - 1, to: settings.endLine, lines: [next ?? `${/^[ \t]*/.exec(first)[0]}settings = {}`] });
    }
    if (row.attrs.priority && attrs.priority === undefined) {
      // A priority left over from an MX that is no longer one.
      const at = row.attrs.priority;
      ops.push({ from: at.line - 1, to: at.endLine, lines: [] });
    }
    if (inserts.length) {
      const ref = row.attrs.type ?? Object.values(row.attrs)[0];
      const refLine = ref ? lines[ref.line - 1] : '  type = ';
      const indent = /^[ \t]*/.exec(refLine)[0];
      const eq = refLine.indexOf('=');
      const out = inserts.map(([attr, value]) => `${indent}${attr}${' '.repeat(Math.max(1, eq - indent.length - attr.length))}= ${value}${eol === '\r\n' ? '\r' : ''}`);
      ops.push({ from: row.end - 1, to: row.end - 1, lines: out });
    }
  }

  function addResource(e, i) {
    const attrs = attributesOf(e.type, e.data);
    if (!attrs) return skipped.push({ edit: i, why: 'terraform-by-hand' });
    const sib = converted.rows.find((r) => r.file === file && r.line && r.attrs?.zone_id);
    const type = sib?.type ?? 'cloudflare_record';
    const zoneId = sib ? /=\s*(.*?)\s*(?:#.*|\/\/.*)?\r?$/.exec(lines[sib.attrs.zone_id.line - 1])?.[1] : null;
    const label = `mxray_${plainName(e.name).replace(/[^a-z0-9]+/g, '_')}_${String(e.type).toLowerCase()}`;
    const name = plainName(e.name) === converted.domain ? '@' : plainName(e.name).slice(0, -(converted.domain.length + 1));
    const cr = eol === '\r\n' ? '\r' : '';
    const body = [['zone_id', zoneId ?? hclString('ZONE_ID')], ['name', hclString(name)], ['type', hclString(String(e.type).toUpperCase())], [type === 'cloudflare_dns_record' || sib?.attrs?.content ? 'content' : 'value', hclString(attrs.content)]];
    if (attrs.priority !== undefined) body.push(['priority', String(attrs.priority)]);
    body.push(['proxied', e.proxied ? 'true' : 'false'], ['ttl', '1']);
    const w = Math.max(...body.map(([k]) => k.length));
    const block = ['', `resource "${type}" "${label}" {${cr}`, ...body.map(([k, v]) => `  ${k}${' '.repeat(w - k.length)} = ${v}${cr}`), `}${cr}`];
    const added = block.map((l, j) => (j === 0 ? cr : l));
    // A file without a final newline: its last line gets one, then the new resource.
    if (!finalNewline && lines.length) ops.push({ from: lines.length - 1, to: lines.length, lines: [lines[lines.length - 1], ...added], append: true });
    else ops.push({ from: lines.length, to: lines.length, lines: added, append: true });
  }

  if (!ops.length) return { diff: '', text, changed: false, skipped };
  ops.sort((a, b) => a.from - b.from || a.to - b.to);
  // Ops inside a removed block are dropped; others must not overlap.
  const merged = [];
  for (const op of ops) {
    const last = merged[merged.length - 1];
    if (last && op.from < last.to) {
      if (last.lines.length === 0 && op.to <= last.to) continue;
      if (op.lines.length === 0 && last.from >= op.from) {
        merged.pop();
      } else continue;
    }
    if (last && op.from === last.from && op.to === last.to && op.from === op.to) {
      last.lines.push(...op.lines);
      continue;
    }
    merged.push({ ...op, lines: [...op.lines] });
  }
  // A file without a final newline gets one before anything appended.
  const out = [];
  let at = 0;
  for (const op of merged) {
    out.push(...lines.slice(at, op.from), ...op.lines);
    at = op.to;
  }
  out.push(...lines.slice(at));
  const newText = out.join('\n') + (finalNewline || merged.some((o) => o.append) ? '\n' : '');
  return { diff: unifiedDiff(file, lines, merged, finalNewline), text: newText, changed: newText !== text, skipped };
}

/**
 * The fix of a `terraform show -json` input in the .tf's terms: there is no .tf to patch,
 * so each edit becomes what to write in the resource block its address names (the
 * attributes to set, as HCL lines), a resource block to remove, or a new resource block.
 * @param {object} converted what terraformToZone returned for the show -json
 * @param {object[]} edits the report's fix.edits of this zone (terraformReport named their resources)
 * @returns {{action: 'set' | 'remove' | 'add' | 'by-hand', resource: string, hcl: string, edit: number}[]}
 *   edit: the index into `edits`; hcl: lines of HCL ('' for remove and by-hand)
 */
export function terraformStateEdits(converted, edits) {
  const out = [];
  const used = new Set();
  const rowOf = (e) => (e.record?.resource ? converted.rows.find((r) => r.address === e.record.resource) ?? null : null);
  const align = (pairs, indent = '  ') => {
    const w = Math.max(...pairs.map(([k]) => k.length));
    return pairs.map(([k, v]) => `${indent}${k}${' '.repeat(w - k.length)} = ${v}`);
  };
  const contentAttr = (row) => (row.body?.content != null || row.type === 'cloudflare_dns_record' ? 'content' : 'value');
  // The attributes to set in `row`'s block so it holds edit `e`'s record.
  const setTo = (row, e, i) => {
    const attrs = attributesOf(e.type, e.data);
    if (!attrs) return out.push({ action: 'by-hand', resource: row.address, hcl: '', edit: i });
    const pairs = [['type', hclString(String(e.type).toUpperCase())], [contentAttr(row), hclString(attrs.content)]];
    if (attrs.priority !== undefined) pairs.push(['priority', String(attrs.priority)]);
    pairs.push(['proxied', e.proxied ? 'true' : 'false']);
    out.push({ action: 'set', resource: row.address, hcl: [`resource "${row.type}" "${row.name}" {`, ...align(pairs), '}'].join('\n'), edit: i });
  };
  const removes = edits.map((e, i) => ({ e, i })).filter(({ e }) => e.op === 'remove');
  for (const r of removes) {
    const a = edits.findIndex((x, j) => !used.has(j) && x.op === 'add' && x.name === r.e.name);
    const row = rowOf(r.e);
    if (a >= 0 && row) {
      used.add(a);
      used.add(r.i);
      setTo(row, edits[a], a);
    }
  }
  edits.forEach((e, i) => {
    if (used.has(i)) return;
    const row = rowOf(e);
    if (e.op === 'set-dns-only' && row) out.push({ action: 'set', resource: row.address, hcl: [`resource "${row.type}" "${row.name}" {`, ...align([['proxied', 'false']]), '}'].join('\n'), edit: i });
    else if (e.op === 'replace' && row) setTo(row, e, i);
    else if (e.op === 'remove' && row) out.push({ action: 'remove', resource: row.address, hcl: '', edit: i });
    else if (e.op === 'add') {
      const attrs = attributesOf(e.type, e.data);
      if (!attrs) return out.push({ action: 'by-hand', resource: '', hcl: '', edit: i });
      const sib = converted.rows.find((x) => typeof x.body?.zone_id === 'string') ?? converted.rows[0] ?? null;
      const type = sib?.type ?? 'cloudflare_dns_record';
      const label = `mxray_${plainName(e.name).replace(/[^a-z0-9]+/g, '_')}_${String(e.type).toLowerCase()}`;
      // v5 names a record by its full name; v4 relative to the zone ("@" the apex).
      const full = plainName(e.name);
      const name = type === 'cloudflare_dns_record' ? full : full === converted.domain ? '@' : full.slice(0, -(converted.domain.length + 1));
      const pairs = [['zone_id', typeof sib?.body?.zone_id === 'string' ? hclString(sib.body.zone_id) : hclString('ZONE_ID')], ['name', hclString(name)], ['type', hclString(String(e.type).toUpperCase())], [sib ? contentAttr(sib) : 'content', hclString(attrs.content)]];
      if (attrs.priority !== undefined) pairs.push(['priority', String(attrs.priority)]);
      pairs.push(['proxied', e.proxied ? 'true' : 'false'], ['ttl', '1']);
      out.push({ action: 'add', resource: `${type}.${label}`, hcl: [`resource "${type}" "${label}" {`, ...align(pairs), '}'].join('\n'), edit: i });
    } else out.push({ action: 'by-hand', resource: row?.address ?? '', hcl: '', edit: i });
  });
  return out.sort((a, b) => a.edit - b.edit);
}

// A unified diff (3 lines of context) of `lines` with `ops` applied.
function unifiedDiff(file, lines, ops, finalNewline) {
  const C = 3;
  const hunks = [];
  for (const op of ops) {
    const last = hunks[hunks.length - 1];
    if (last && op.from - last.end <= 2 * C) {
      last.ops.push(op);
      last.end = op.to;
    } else hunks.push({ ops: [op], start: op.from, end: op.to });
  }
  let out = `--- a/${file}\n+++ b/${file}\n`;
  let shift = 0;
  for (const h of hunks) {
    const from = Math.max(0, h.start - C);
    const to = Math.min(lines.length, h.end + C);
    const body = [];
    let oldCount = 0;
    let newCount = 0;
    let at = from;
    const noEol = (i) => (i === lines.length - 1 && !finalNewline ? '\n\\ No newline at end of file' : '');
    for (const op of h.ops) {
      for (; at < op.from; at++, oldCount++, newCount++) body.push(` ${lines[at]}${noEol(at)}`);
      for (; at < op.to; at++, oldCount++) body.push(`-${lines[at]}${noEol(at)}`);
      for (const l of op.lines) {
        body.push(`+${l}`);
        newCount++;
      }
    }
    for (; at < to; at++, oldCount++, newCount++) body.push(` ${lines[at]}${noEol(at)}`);
    const oldStart = oldCount ? from + 1 : from;
    const newStart = newCount ? from + 1 + shift : from + shift;
    out += `@@ -${oldStart},${oldCount} +${newStart},${newCount} @@\n${body.join('\n')}\n`;
    shift += newCount - oldCount;
  }
  return out;
}
