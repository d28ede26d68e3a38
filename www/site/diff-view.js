// The fix's unified diff on the page. The renderer (diff-render.js, with
// diff2html, about a fifth of the page's script) is not needed for the first
// report: it loads when a diff is first drawn, after the report is on the
// page (a module of its own in the hosted build, inlined in the single file).
// The pane shows the diff as plain text until then (as the rest of the page
// shows data: name-safety.js makes invisible and bidi characters visible).
import { displayText } from '../lib/name-safety.js';

/** Diff lines shown at most; a longer diff is cut at a hunk boundary. */
export const MAX_DIFF_LINES = 3000;

/**
 * The first hunks of `diff` that fit in `max` lines.
 * @returns {{text: string, lines: number, shown: number}}
 */
export function cutDiff(diff, max = MAX_DIFF_LINES) {
  const lines = diff.replace(/\n$/, '').split('\n');
  if (lines.length <= max) return { text: diff, lines: lines.length, shown: lines.length };
  let cut = max;
  // Back up to the start of the hunk (or file) the cut falls in, if that leaves something.
  for (let i = max; i > 0; i--) {
    if (lines[i].startsWith('@@') || lines[i].startsWith('--- ')) {
      cut = i;
      break;
    }
  }
  if (cut < 3) cut = max;
  return { text: lines.slice(0, cut).join('\n') + '\n', lines: lines.length, shown: cut };
}

let renderer = null; // the import under way
let loaded = null; // the module, once loaded
/** diff-render.js, loaded once. */
const loadRenderer = () =>
  (renderer ??= import('./diff-render.js').then(
    (m) => (loaded = m),
    (e) => {
      renderer = null; // the next diff tries again
      throw e;
    },
  ));

// The last request per container wins: a layout switched while the renderer
// loads must not be overwritten by the earlier layout.
const latest = new WeakMap();

/**
 * Renders `diff` into `container` (its content is replaced) once the
 * renderer is loaded. Resolves when it is drawn.
 * @param {'line-by-line' | 'side-by-side'} layout
 * @param {string} label names the scrolling panes for assistive technology
 */
export async function renderDiff(container, diff, layout = 'line-by-line', label = 'diff') {
  const token = {};
  latest.set(container, token);
  const plain = () => {
    const pre = document.createElement('pre');
    pre.className = 'diff-plain';
    pre.tabIndex = 0;
    pre.setAttribute('role', 'region');
    pre.setAttribute('aria-label', label);
    pre.style.overflow = 'auto'; // (CSSOM, which the CSP allows; site.css has no rule for this brief state)
    pre.textContent = displayText(diff.replace(/\r(?=\n)/g, ''), true);
    container.replaceChildren(pre);
  };
  // Loaded already: drawn at once.
  if (loaded) {
    loaded.renderDiffNow(container, diff, layout, label);
    return;
  }
  plain();
  try {
    await loadRenderer();
  } catch {
    return; // the renderer could not load (the connection dropped): the plain text stays
  }
  if (latest.get(container) === token) loaded.renderDiffNow(container, diff, layout, label);
}
