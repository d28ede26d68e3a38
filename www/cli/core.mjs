// The wasm core for a command: loaded, or the words that say it is not built.
import { loadCore } from '../lib/core-node.js';
import { cliMessage } from '../lib/cli-messages.js';

/** {core} once loaded; {error: text} when the core is not built (make build). */
export async function cliCore(lang) {
  try {
    return { core: await loadCore() };
  } catch (e) {
    if (e.code !== 'MXRAY_NOT_BUILT') throw e;
    return { error: cliMessage('errors.not-built', lang, { file: e.file }) };
  }
}
