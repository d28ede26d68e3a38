// What the popup says a check could not look at: one line per reason of the
// verdict (report.verdict.blind), in the report's words (messages.js
// report.blind.*), so that "Could not tell" never stands without its why.
// Unanswered questions are left out: the popup's own #unknown line counts them.
import { reportMessage } from '../lib/messages.js';
import { extensionMessage } from '../lib/extension-messages.js';

/**
 * @param {object} report a report (mxray-report/2)
 * @param {string} lang
 * @returns {string[]} the lines, [] when the check saw everything
 */
export function blindLines(report, lang) {
  const v = report?.verdict ?? {};
  const count = (v.unknown ?? []).length;
  return (v.blind ?? [])
    .filter((b) => b !== 'unknown-facts')
    .map((b) => {
      const key = `report.blind.${b}`;
      const text = reportMessage(key, lang, { count });
      // A reason this build has no words for: said as such, never as its code.
      return text === key ? extensionMessage('popup.blindOther', lang) : text;
    })
    .filter((line, i, all) => all.indexOf(line) === i);
}
