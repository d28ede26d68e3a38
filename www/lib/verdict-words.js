// Which sentence states a report's verdict (messages.js report.verdict.* and
// report.verdictBlind.*). "At risk" says that mail works, but something
// weakens it; when the check could not look at everything (the verdict lists
// blind spots), that mail works is not known, and the sentence says so. A
// broken verdict rests on a finding, and fine and could-not-tell already say
// what was seen. Used by the website and the popup; the command line's
// renderers (report-text.js, report-markdown.js) may take it too.

/** States whose sentence changes when the check could not look at everything. */
const BLIND_STATES = new Set(['at-risk']);

/**
 * @param {object} report a report (mxray-report/2)
 * @returns {string} the message key of its verdict sentence, or '' without a verdict
 */
export function verdictKey(report) {
  const v = report?.verdict;
  if (!v?.state) return '';
  if (BLIND_STATES.has(v.state) && (v.blind ?? []).length) return `report.verdictBlind.${v.state}`;
  return `report.verdict.${v.state}`;
}
