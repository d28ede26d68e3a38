// Zone-as-code inputs: files a DNS-as-code tool keeps (octoDNS YAML; others hook
// in here with one line each), recognised by name and content, turned into a zone
// the core reads, and the core's fix turned back into a patch in the tool's terms.
// Loaded only by a shell that reads such files (the command line): the website's
// first-check bundle does not carry the parsers.
import { isOctodns, octodnsDomain, octodnsFix, octodnsToZone, OctodnsError } from './octodns.js';

/** One entry per tool: {kind, recognise(name, text), domain(name), toZone(name, text, domain), fix(conv, zoneDiff, name)}. */
const KINDS = [{ kind: 'octodns', recognise: isOctodns, domain: octodnsDomain, toZone: octodnsToZone, fix: octodnsFix }];

export { OctodnsError as AsCodeError };

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
