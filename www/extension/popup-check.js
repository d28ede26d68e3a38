// What the popup needs once it checks, loaded by popup.js with import() right
// after its first paint (the domain field, the words around it): the core's
// loader, the check, and the words and sentences of a report. The first
// paint's script stays small (tests/bench/site-budget.mjs: popup JS).
export { default as createMxrayCore } from '../lib/wasm/mxray-core.js';
export { findingMessage, progressMessage, reportMessage, sessionMessage } from '../lib/messages.js';
export { CheckError, runCheck } from '../lib/check.js';
export { siteMessage } from '../lib/site-messages.js';
export { SEVERITIES, placeholderWords, warningText } from '../lib/report-text.js';
export { changeSentences, neededAddress, servingPanel } from '../lib/answer.js';
export { couldNotCheck, otherResolver } from '../site/could-not-check.js';
export { languageLoaded, loadLanguage } from '../site/words.js';
export { blindLines } from './popup-blind.js';
export { verdictKey } from '../lib/verdict-words.js';
