// The report ("mxray-report/2") as SARIF 2.1.0, for code scanning (GitHub's
// upload-sarif, or any SARIF viewer): `mxray check --format sarif`.
//
// One run. tool.driver names mxray, its version and its rules (each rule id a
// finding's `rule`, with its title and, when the shell gives rule pages, the
// page's address). One result per finding: the level from its severity
// (critical: error, warning: warning, info: note), the message in the text
// report's words (the headline, then the numbered evidence), located at the
// zone file line the fix edits (else the first line the evidence cites, else
// the zone file without a line), with the DNS name as a logical location; a
// finding of live DNS only has the logical location alone. Evidence citing a
// zone line becomes a related location. Where the fix replaces whole lines of
// a zone file one for one at the lines of a finding's edits, the result
// carries them as a SARIF fix.
//
// Pure: same report, same bytes (no clock, no random id).
import { formatDiagnostic, proseName, reportMessage, sessionMessage } from './messages.js';
import { displayText } from './name-safety.js';
import { editText, evidenceStepsParts, findingParts } from './report-text.js';
import { markdownText, ruleLinkText } from './report-markdown.js';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
/** Where mxray is published for the tools that show a SARIF log (the npm package's page). */
export const INFORMATION_URI = 'https://www.npmjs.com/package/mxray';

const LEVELS = { critical: 'error', warning: 'warning', info: 'note' };
const RULE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

// messageParts as plain text: data in display form (no control or bidi character).
const partsPlain = (parts) => parts.map((p) => (typeof p === 'string' ? p : displayText(p.value))).join('');

/** A rule's title in `lang` ("mail apps are sent to the proxy"), '' when the catalogue has none. */
function ruleTitle(rule, lang) {
  const title = reportMessage(`report.ruleTitle.${rule}`, lang);
  return title === `report.ruleTitle.${rule}` ? '' : title;
}

const lineOf = (value) => {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? n : null;
};

/**
 * The lines the fix replaces one for one, from each changed zone's unified
 * diff: Map(file -> Map(old line -> new line text)). A run of n removed lines
 * followed by n added lines pairs them in order; a run of another shape
 * (lines only added, only removed, or more of one) pairs none.
 */
export function replacedLines(report) {
  const out = new Map();
  for (const z of report.fix?.zones ?? []) {
    if (!z.changed || typeof z.diff !== 'string') continue;
    const lines = new Map();
    let old = 0;
    let removed = [];
    let added = [];
    const flush = () => {
      if (removed.length && removed.length === added.length) removed.forEach((n, i) => lines.set(n, added[i]));
      removed = [];
      added = [];
    };
    for (const line of z.diff.split('\n')) {
      const hunk = /^@@ -(\d+)(?:,\d+)? \+\d+(?:,\d+)? @@/.exec(line);
      if (hunk) {
        flush();
        old = Number(hunk[1]);
      } else if (line.startsWith('---') || line.startsWith('+++')) {
        if (old === 0) continue; // the header, before the first hunk
        if (line.startsWith('-')) {
          if (added.length) flush();
          removed.push(old++);
        } else added.push(line.slice(1));
      } else if (line.startsWith('-')) {
        if (added.length) flush();
        removed.push(old++);
      } else if (line.startsWith('+')) added.push(line.slice(1));
      else if (line.startsWith('\\')) continue; // "\ No newline at end of file"
      else {
        flush();
        if (line.startsWith(' ')) old++;
      }
    }
    flush();
    out.set(z.file, lines);
  }
  return out;
}

/**
 * The report as a SARIF 2.1.0 log (an object; JSON.stringify it).
 * @param {object} [options]
 * @param {string} [options.lang] en or ja: the words of the messages
 * @param {string} [options.version] mxray's version
 * @param {(file: string) => string} [options.path] a zone file's name as a URI reference
 *   (the command line: relative to the working folder, percent-encoded)
 * @param {(lang: string, rule: string) => string | null} [options.rulePage] the address of a rule's page
 * @param {(key: string) => string | null} [options.nameServer] a name server's own words for `reasons.<code>`
 *   (check --server, --authoritative), as renderReport takes them
 */
export function renderSarif(report, { lang = 'en', version = '', path = (f) => String(f).split('/').map(encodeURIComponent).join('/'), rulePage = null, nameServer = null } = {}) {
  const rules = [];
  const ruleIndex = new Map();
  const replaced = replacedLines(report);
  // The zone files of the checked domain: where a finding with no line of its own stands.
  const zoneFiles = (report.inputs?.zones ?? []).filter((z) => z.for_domain !== false).flatMap((z) => z.files ?? []);
  // Names relative to the folder mxray ran in, said so by the base id SARIF's examples use.
  const artifact = (file) => ({ uri: path(file), uriBaseId: '%SRCROOT%' });

  const results = (report.findings ?? []).map((f) => {
    if (!ruleIndex.has(f.rule)) {
      ruleIndex.set(f.rule, rules.length);
      const title = ruleTitle(f.rule, lang);
      const page = rulePage && RULE_ID.test(f.rule) ? rulePage(lang, f.rule) : null;
      rules.push({
        id: f.rule,
        name: f.rule,
        shortDescription: { text: title || f.rule },
        ...(page ? { helpUri: page, help: { text: `${ruleLinkText(f.rule, lang)}: ${page}`, markdown: `[${markdownText(ruleLinkText(f.rule, lang))}](<${page}>)` } } : {}),
      });
    }
    const steps = evidenceStepsParts(f, lang).map(partsPlain);
    const text = [partsPlain(findingParts(f, lang)), ...steps.map((s, i) => `${i + 1}. ${s}`)].join('\n');

    // Where: the first record the finding's edits change, else the first zone line its evidence cites.
    const edited = (f.edits ?? []).find((e) => e.record?.file && lineOf(e.record.line));
    const cited = (f.evidence ?? []).find((s) => s.params?.file && lineOf(s.params.line));
    const at = edited ? { file: edited.record.file, line: lineOf(edited.record.line) } : cited ? { file: cited.params.file, line: lineOf(cited.params.line) } : null;
    const name = f.names?.[0];
    const location = {};
    if (at) location.physicalLocation = { artifactLocation: artifact(at.file), region: { startLine: at.line } };
    else if (zoneFiles.length && report.mode !== 'live') location.physicalLocation = { artifactLocation: artifact(zoneFiles[0]) };
    if (name) location.logicalLocations = [{ fullyQualifiedName: displayText(name), kind: 'resource' }];

    const result = { ruleId: f.rule, ruleIndex: ruleIndex.get(f.rule), level: LEVELS[f.severity] ?? 'warning', message: { text } };
    if (Object.keys(location).length) result.locations = [location];
    // Each evidence step that cites a zone line, worded on its own (evidenceStepsParts says
    // several port steps as one; a cited step is never one of those).
    const cites = (f.evidence ?? []).filter((s) => s.params?.file && lineOf(s.params.line));
    if (cites.length) {
      result.relatedLocations = cites.map((s, i) => ({
        id: i + 1,
        physicalLocation: { artifactLocation: artifact(s.params.file), region: { startLine: lineOf(s.params.line) } },
        message: { text: partsPlain(evidenceStepsParts({ evidence: [s] }, lang)[0] ?? []) },
      }));
    }
    const fix = lineFix(f, replaced, artifact, lang);
    if (fix) result.fixes = [fix];
    return result;
  });

  // What kept the check from seeing everything, said where SARIF says how a run went: each
  // record that could not be read (at its line and column), then each reason the verdict
  // gives for "could not tell". No result is never "fine" unless these are empty too.
  const zones = report.inputs?.zones ?? [];
  const notifications = (report.diagnostics ?? []).map((d) => {
    const files = zones[d.zone]?.files ?? [];
    const file = files[d.file];
    const line = lineOf(d.line);
    const column = lineOf(d.column);
    return {
      level: d.severity === 'error' ? 'error' : 'warning',
      message: { text: formatDiagnostic(d, files, lang) },
      ...(file ? { locations: [{ physicalLocation: { artifactLocation: artifact(file), ...(line ? { region: { startLine: line, ...(column ? { startColumn: column } : {}) } } : {}) } }] } : {}),
      descriptor: { id: String(d.code) },
    };
  });
  for (const b of report.verdict?.blind ?? []) {
    notifications.push({ level: 'warning', message: { text: reportMessage(`report.blind.${b}`, lang, { count: (report.verdict.unknown ?? []).length }) }, descriptor: { id: String(b) } });
  }
  // Each question without a usable answer and why (the text report's lines under "Not looked
  // at"), and what the check chose not to ask: a log with no result says what it did not see.
  for (const u of report.verdict?.unknown ?? []) {
    const purposes = (u.rests_on ?? []).map((p) => sessionMessage('purposes', p, lang)).join(lang === 'ja' ? '、' : ', ');
    const reason = nameServer?.(`reasons.${String(u.reason?.code ?? '').split(':')[0]}`) ?? sessionMessage('reasons', u.reason, lang);
    const text = reportMessage('report.unknownFact', lang, { name: displayText(proseName(u.name ?? '')), type: displayText(u.type ?? ''), reason, purposes });
    notifications.push({ level: 'note', message: { text }, descriptor: { id: 'unknown-fact' } });
  }
  for (const n of report.verdict?.not_asked ?? []) {
    if (n.what !== 'ptr') continue;
    notifications.push({ level: 'note', message: { text: reportMessage('report.ptrNotAsked', lang, { address: displayText(n.address ?? '') }) }, descriptor: { id: 'ptr-not-asked' } });
  }

  const driver = { name: 'mxray', ...(version ? { version, semanticVersion: version } : {}), informationUri: INFORMATION_URI, rules };
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: reportMessage('sarif.srcRoot', lang) } } },
        language: lang,
        columnKind: 'utf16CodeUnits',
        invocations: [{ executionSuccessful: true, ...(notifications.length ? { toolExecutionNotifications: notifications } : {}) }],
        results,
        properties: { domain: displayText(report.domain ?? ''), verdict: report.verdict?.state ?? null, mode: report.mode ?? null },
      },
    ],
  };
}

/**
 * A finding's edits as a SARIF fix, when every edit that names a record is a
 * line the fix replaces one for one, and every record it adds shows in one of
 * those lines (a CNAME's line becoming an A record's); else null.
 */
function lineFix(f, replaced, artifact, lang) {
  const edits = f.edits ?? [];
  const named = edits.filter((e) => e.record?.file && lineOf(e.record.line));
  if (!named.length) return null;
  const changes = new Map(); // file -> Map(line -> text)
  for (const e of named) {
    const text = replaced.get(e.record.file)?.get(lineOf(e.record.line));
    if (text === undefined) return null;
    if (!changes.has(e.record.file)) changes.set(e.record.file, new Map());
    changes.get(e.record.file).set(lineOf(e.record.line), text);
  }
  const texts = [...changes.values()].flatMap((m) => [...m.values()]);
  const has = (line, e) => {
    const words = line.split(/\s+/);
    return words.includes(String(e.type)) && line.includes(String(e.data ?? ''));
  };
  for (const e of edits.filter((x) => !named.includes(x))) {
    if (e.op !== 'add' || !texts.some((line) => has(line, e))) return null;
  }
  return {
    // The finding's edits in the text report's words ("remove mail.club.example CNAME club.example").
    description: { text: edits.map((e) => editText(e, lang)).join(lang === 'ja' ? '、' : '; ') },
    artifactChanges: [...changes].map(([file, lines]) => ({
      artifactLocation: artifact(file),
      // A region of a line alone is the whole line without its end: the new line's text replaces it.
      replacements: [...lines].sort((a, b) => a[0] - b[0]).map(([line, text]) => ({ deletedRegion: { startLine: line }, insertedContent: { text } })),
    })),
  };
}
