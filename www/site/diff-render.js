// The fix's unified diff as diff2html renders it, unified (line by line) or
// side by side; diff-view.js loads this module when it first draws a diff.
// diff2html turns the diff text into HTML with every character of the text
// escaped; this is the one place the page sets HTML, and it does so through
// the Trusted Types policy (trusted.js).
import { html as diffToHtml } from 'diff2html';
import { trustedHtml } from './trusted.js';
import { displayText } from '../lib/name-safety.js';

/**
 * Renders `diff` into `container` (its content is replaced).
 * @param {'line-by-line' | 'side-by-side'} layout
 * @param {string} label names the scrolling panes for assistive technology
 */
export function renderDiffNow(container, diff, layout = 'line-by-line', label = 'diff') {
  const lineCount = (diff.match(/\n/g) ?? []).length;
  // The file's lines as the rest of the page shows data: a bidi override, an
  // invisible or a control character becomes a visible ⟨U+202E⟩ (CRs of CRLF
  // lines go: the downloaded diff keeps them).
  const shown = displayText(diff.replace(/\r(?=\n)/g, ''), true);
  const out = diffToHtml(shown, {
    outputFormat: layout === 'side-by-side' ? 'side-by-side' : 'line-by-line',
    drawFileList: false,
    // Pairing similar lines is quadratic: only for small diffs.
    matching: lineCount <= 400 ? 'lines' : 'none',
    diffStyle: 'word',
    colorScheme: 'light',
  });
  container.innerHTML = trustedHtml(out);
  // diff2html's panes scroll sideways: keyboard users must be able to reach them.
  for (const pane of container.querySelectorAll('.d2h-file-diff, .d2h-file-side-diff')) {
    pane.tabIndex = 0;
    pane.setAttribute('role', 'region');
    pane.setAttribute('aria-label', label);
  }
}
