// Zone-as-code inputs: files a DNS-as-code tool keeps (octoDNS YAML, Terraform .tf and
// `terraform show -json`), recognised by name and content, turned into a zone the core
// reads, and the core's fix turned back into the tool's terms (a patch of the YAML or the
// .tf; for show -json, the HCL to write in the .tf that declares each resource).
//
// This module is the one hook www/lib/check.js runs them through (job.asCode): a shell
// that reads such files hands it in; one that does not (the extension, the website until
// such a file is chosen) never loads it, nor the parsers.
import { isOctodns, octodnsDomain, octodnsFix, octodnsToZone, OctodnsError } from './octodns.js';
import { TerraformError, terraformKind, terraformToZone, terraformReport, terraformPatch, terraformStateEdits } from './terraform.js';

/** One entry per single-file tool: {kind, recognise(name, text), domain(name), toZone(name, text, domain), fix(conv, zoneDiff, name)}. */
const KINDS = [{ kind: 'octodns', recognise: isOctodns, domain: octodnsDomain, toZone: octodnsToZone, fix: octodnsFix }];

export { OctodnsError as AsCodeError };

/**
 * A check that cannot be done, as www/lib/check.js's CheckError words it (`code`, `values`,
 * `cause`): this module does not import check.js, so that the website loads it as a module
 * of its own; toCheckError() makes it the caller's CheckError.
 */
export class AsCodeCheckError extends Error {
  constructor(code, values = {}, message = code, cause = undefined) {
    super(message);
    this.name = 'AsCodeCheckError';
    this.code = code;
    this.values = values;
    this.asCause = cause;
  }
}

/** `e` as the caller's CheckError when it is an AsCodeCheckError, else `e`. */
export function toCheckError(e, CheckError) {
  return e instanceof AsCodeCheckError ? new CheckError(e.code, e.values, e.message, e.asCause) : e;
}

// The largest file the check reads (www/lib/check.js MAX_INPUT_BYTES), for the YAML test below.
const MAX_BYTES = 256 * 1024 * 1024;

/**
 * What zone-as-code tool a file is for, or null for a file of none.
 * @throws AsCodeError a file named for a tool (.yaml) that cannot be read
 */
export function asCodeKind(name, text) {
  for (const k of KINDS) if (k.recognise(name, text)) return k.kind;
  return null;
}

/** The domain a file's name gives it in the tool's conventions ('' if none). */
export function asCodeDomain(kind, name) {
  return KINDS.find((k) => k.kind === kind).domain(name);
}

/**
 * The file as a zone the core reads: {bytes, lines (its lines' places in the file), ...}.
 */
export function asCodeToZone(kind, name, text, domain) {
  return { kind, name, ...KINDS.find((k) => k.kind === kind).toZone(name, text, domain) };
}

/** The core's fix (its diff of the converted zone) as the tool's file and a patch of it: {text, diff, changed}. */
export function asCodeFix(conv, zoneDiff, name) {
  return KINDS.find((k) => k.kind === conv.kind).fix(conv, zoneDiff, name);
}

/**
 * Whether a file is one this module reads, told cheaply from its name and the head of its
 * text (the first 64 KiB is enough), without the parsers: "octodns" (.yaml, .yml), "terraform"
 * (.tf with a Cloudflare DNS record resource), "terraform-show-json", else null. A shell uses
 * it to decide whether to load this module (the website) or which files of a folder to read
 * (--zone-dir). A .yaml is only named here: whether it is an octoDNS zone is the parser's.
 */
export function asCodeFileKind(name, head) {
  const n = String(name ?? '');
  if (/\.ya?ml$/i.test(n)) return 'octodns';
  const kind = terraformKind(n, String(head ?? ''));
  if (kind === 'hcl') return 'terraform';
  if (kind === 'show-json') return 'terraform-show-json';
  return null;
}

/**
 * After the check's results: each zone-as-code input's report and fix in its tool's terms.
 * @param {object} report
 * @param {object | null} files runCheck's files (the fix's bytes)
 * @param {{terraform: Map, asCoded: Map, summaries: object[]}} state what readInputs returned
 *   (terraform), the octoDNS conversions by zone index (asCoded), the zones' summaries
 */
export function reportResults(report, files, { terraform, asCoded, summaries }) {
  if (terraform.size) terraformResults(report, files, terraform, summaries);
  if (asCoded.size) asCodeReport(report, files, asCoded);
}

// The Terraform inputs of `readied` replaced, in place, by the Cloudflare API JSON they
// describe: all the .tf files given as one zone (one configuration split into files), each
// `terraform show -json` as its own. Returns them by zone index (www/lib/as-code/terraform.js).
export async function readInputs(readied, { domain, parseHcl }) {
  const decode = (bytes) => new TextDecoder().decode(bytes);
  const kinds = readied.map((r) => {
    // A .tf is small; a show -json is read whole only when its head says it may be one.
    const head = decode(r.bytes.subarray(0, 1 << 16));
    const kind = terraformKind(r.given.name, head);
    if (kind || r.bytes.length <= 1 << 16 || !/^\s*\{/.test(head) || !/"format_version"/.test(head)) return kind;
    return terraformKind(r.given.name, decode(r.bytes));
  });
  const groups = [];
  const hcl = kinds.flatMap((k, i) => (k === 'hcl' ? [i] : []));
  if (hcl.length) groups.push(hcl);
  kinds.forEach((k, i) => k === 'show-json' && groups.push([i]));
  const converted = new Map();
  const joined = new Set();
  for (const group of groups) {
    const sources = group.map((i) => ({ name: readied[i].given.name, text: decode(readied[i].bytes) }));
    let zone;
    try {
      zone = await terraformToZone(sources, { domain, parseHcl });
    } catch (e) {
      if (e instanceof TerraformError) throw new AsCodeCheckError(`terraform.${e.code}`, e.values, e.message, e);
      throw e;
    }
    readied[group[0]].bytes = new TextEncoder().encode(zone.text);
    converted.set(group[0], zone);
    for (const i of group.slice(1)) joined.add(i);
  }
  const out = new Map();
  const kept = [];
  readied.forEach((r, i) => {
    if (joined.has(i)) return;
    if (converted.has(i)) out.set(kept.length, converted.get(i));
    kept.push(r);
  });
  readied.splice(0, readied.length, ...kept);
  return out;
}

// The report and the fix of a check that read Terraform inputs, in Terraform's terms:
// findings at the .tf lines and resource addresses, the values Terraform fills in
// (left out) as warnings that keep the verdict from "fine", and the fix as a patch of
// each .tf (none for show -json: it is state, the .tf is what to edit).
function terraformResults(report, files, terraform, summaries) {
  const byFile = new Map([...terraform.values()].map((t) => [t.files[0], t]));
  terraformReport(report, byFile);
  const encoder = new TextEncoder();
  const all = report.fix?.edits ?? [];
  for (const [index, t] of terraform) {
    const z = report.inputs?.zones?.find((x) => x.index === index);
    if (z) {
      z.format = t.kind === 'hcl' ? 'terraform' : 'terraform-show-json';
      z.files = [...t.files];
      z.terraform = { kind: t.kind, ...(t.show ? { show: t.show } : {}), domain: t.domain, domain_from: t.domainFrom, resources: t.resources, records: t.rows.length, unknown: t.unknown };
    }
    if (summaries[index]) summaries[index].files = [...t.files];
    for (const u of t.unknown) {
      const d = { severity: 'warning', code: 'terraform-unknown', zone: index, file: Math.max(0, t.files.indexOf(u.file)), line: u.line ?? 0, column: 1, field: u.attribute, token: u.value, detail: u.address };
      report.diagnostics?.push(d);
      summaries[index]?.diagnostics?.push({ ...d, zone: undefined });
    }
    // Each edit goes to the file of its resource; an added record to the file of the
    // record it replaces (removed at its name), else to the first file.
    const edits = all.filter((e) => e.zone === index);
    const fileOf = (e) => t.rows.find((r) => r.address === e.record?.resource)?.file;
    const home = (e) => (e.op === 'add' ? fileOf(edits.find((r) => r.op === 'remove' && r.name === e.name) ?? {}) ?? t.files[0] : fileOf(e) ?? t.files[0]);
    const patches = t.files.map((file) => {
      const mine = edits.filter((e) => home(e) === file);
      const patch = terraformPatch(t.texts.get(file), file, t, mine);
      // Skipped edits named by their index in fix.edits, as the core's are.
      return { file, ...patch, skipped: patch.skipped.map((x) => ({ ...x, edit: all.indexOf(mine[x.edit]) })) };
    });
    const changed = patches.some((p) => p.changed);
    const diff = patches.map((p) => p.diff).join('');
    // One file: the patched .tf; several: each after a comment naming it.
    const text = patches.length === 1 ? patches[0].text : patches.map((p) => `# mxray: ${p.file}\n${p.text}`).join('');
    const fz = report.fix?.zones?.find((x) => x.index === index);
    if (fz) {
      fz.changed = changed;
      fz.diff = diff;
      fz.skipped = patches.flatMap((p) => p.skipped);
      fz.file = t.files[0];
      // show -json: no .tf to patch; what to write in the .tf, resource by resource.
      if (t.kind === 'show-json') fz.terraform_edits = terraformStateEdits(t, edits).map((x) => ({ ...x, edit: all.indexOf(edits[x.edit]) }));
    }
    const bz = files?.zones.find((x) => x.index === index);
    if (bz) {
      bz.changed = changed;
      bz.text = encoder.encode(text);
      bz.diff = encoder.encode(diff);
    }
  }
  if (files) files.diff = files.zones.filter((z) => z.changed).map((z) => z.diff);
  const unknown = [...terraform.values()].some((t) => t.unknown.length);
  if (unknown && report.verdict) {
    report.verdict.blind = [...(report.verdict.blind ?? []), 'terraform-unknown'];
    if (report.verdict.state === 'fine') report.verdict.state = 'could-not-tell';
  }
}

// A source as the zone it describes, when it is a zone-as-code file: its bytes the
// converted zone's, its `asCode` the conversion. Other sources as they are.
export function sourceAsZone(source, domain) {
  // Only files named for a tool are looked at (octoDNS: .yaml, .yml).
  if (!/\.ya?ml$/i.test(source.name) || source.bytes.length > MAX_BYTES) return source;
  const text = new TextDecoder().decode(source.bytes);
  let kind;
  try {
    kind = asCodeKind(source.name, text);
  } catch (e) {
    if (e instanceof OctodnsError) throw new AsCodeCheckError('not-a-zone', { file: source.name, kind: e.kind, line: e.line, column: e.column, token: e.token }, e.message);
    throw e;
  }
  if (!kind) throw new AsCodeCheckError('not-a-zone', { file: source.name, kind: 'yaml' }, `${source.name}: YAML but not an octoDNS zone`);
  const zone = String(domain || asCodeDomain(kind, source.name)).replace(/\.$/, '');
  if (!zone) throw new AsCodeCheckError('not-a-zone', { file: source.name, kind: 'as-code-no-domain' }, `${source.name}: no domain`);
  const conv = asCodeToZone(kind, source.name, text, zone);
  return { name: source.name, bytes: conv.bytes, includes: null, asCode: conv };
}

// A line of a converted zone as its place in the tool's file.
function asCodeLine(conv, line) {
  return conv.lines[line - 1] ?? null;
}

// A ZoneReader's summary of a converted zone: its diagnostics on the tool's file's lines.
export function zoneSummary(summary, conv) {
  if (!conv) return summary;
  const diagnostics = (summary.diagnostics ?? []).map((d) => {
    const at = Number.isInteger(d.line) ? asCodeLine(conv, d.line) : null;
    return at ? { ...d, line: at.line, column: at.column, ...(Number.isInteger(d.record_line) ? { record_line: at.line } : {}) } : d;
  });
  return { ...summary, diagnostics };
}

// The report and the fix of a check that read zone-as-code files: diagnostics and
// evidence on the file's own lines, and the fix as the tool's file and a patch of it.
function asCodeReport(report, files, asCoded) {
  for (const z of report.inputs?.zones ?? []) {
    const conv = asCoded.get(z.index);
    if (conv) Object.assign(z, { format: conv.kind, skipped_types: conv.skipped });
  }
  report.diagnostics = (report.diagnostics ?? []).map((d) => (asCoded.has(d.zone) ? zoneSummary({ diagnostics: [d] }, asCoded.get(d.zone)).diagnostics[0] : d));
  const byName = new Map([...asCoded.values()].map((c) => [c.name, c]));
  const visit = (v) => {
    if (Array.isArray(v)) return v.forEach(visit);
    if (!v || typeof v !== 'object') return;
    if (typeof v.file === 'string' && byName.has(v.file) && /^[1-9][0-9]*$/.test(String(v.line ?? ''))) {
      const at = asCodeLine(byName.get(v.file), Number(v.line));
      if (at) v.line = typeof v.line === 'number' ? at.line : String(at.line);
    }
    for (const k of Object.keys(v)) visit(v[k]);
  };
  visit(report.findings);
  const enc = new TextEncoder();
  const dec = new TextDecoder();
  for (const [index, conv] of asCoded) {
    const entry = (report.fix?.zones ?? []).find((z) => z.index === index);
    const bytes = files?.zones.find((z) => z.index === index);
    const zoneDiff = bytes ? dec.decode(bytes.diff) : entry?.diff ?? '';
    const fix = asCodeFix(conv, zoneDiff, conv.name);
    if (entry) Object.assign(entry, { changed: fix.changed, diff: fix.changed ? fix.diff : '', format: conv.kind }, 'text' in entry ? { text: fix.text } : {});
    if (bytes) Object.assign(bytes, { changed: fix.changed, text: enc.encode(fix.text), diff: enc.encode(fix.changed ? fix.diff : '') });
  }
  if (files) files.diff = files.zones.filter((z) => z.changed).map((z) => z.diff);
}

/**
 * One zone-as-code file as the zone the core reads, for a shell that reads a file on its
 * own (`mxray dump`): octoDNS YAML as BIND text, Terraform (.tf, show -json) as the
 * Cloudflare API JSON it describes, with the way back to the file's own places.
 * @param {string} name the file's name
 * @param {Uint8Array} bytes its bytes
 * @param {{domain?: string, parseHcl?: Function}} options domain: the zone's, when given
 * @returns {Promise<{kind: string, bytes: Uint8Array, origin: string, placeOf: (line: number) => ({line: number, column?: number, resource?: string} | null),
 *   unknown: {address: string, attribute: string, value: string, line: number | null}[]} | null>}
 *   null for a file of no tool
 * @throws AsCodeCheckError (as runCheck's CheckError: not-a-zone, terraform.<code>)
 */
export async function asCodeAsZone(name, bytes, { domain = '', parseHcl = null } = {}) {
  const head = new TextDecoder().decode(bytes.subarray(0, 1 << 16));
  const kind = asCodeFileKind(name, head);
  if (kind === 'octodns') {
    const given = sourceAsZone({ name, bytes }, domain);
    const conv = given.asCode;
    return { kind, bytes: given.bytes, origin: '', placeOf: (line) => conv.lines[line - 1] ?? null, unknown: [] };
  }
  if (!kind) return null;
  let zone;
  try {
    zone = await terraformToZone([{ name, text: new TextDecoder().decode(bytes) }], { domain, parseHcl });
  } catch (e) {
    if (e instanceof TerraformError) throw new AsCodeCheckError(`terraform.${e.code}`, e.values, e.message, e);
    throw e;
  }
  const placeOf = (line) => {
    const k = line - 2;
    const row = k >= 0 && k < zone.rows.length ? zone.rows[k] : null;
    return row ? { ...(row.line ? { line: row.line, column: 1 } : {}), resource: row.address } : null;
  };
  return { kind, bytes: new TextEncoder().encode(zone.text), origin: zone.domain, placeOf, unknown: zone.unknown.map(({ address, attribute, value, line }) => ({ address, attribute, value, line })) };
}
