// A small Markdown → HTML converter for the rule pages (www/site/rules),
// run at build time. It knows what those pages use: headings, paragraphs,
// bullet and numbered lists (with indented continuation lines), fenced code,
// tables, block quotes, and inline code, bold, italics, links and bare URLs.
// Every character of the text is escaped; links keep only http(s), relative
// and #fragment targets.

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => ESCAPES[c]);

const CJK = /[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]/;

// Joins the lines of one paragraph: a space between words, nothing between
// two Japanese characters (a line break there is not a space).
function joinLines(lines) {
  let out = '';
  for (const raw of lines) {
    const line = raw.trim();
    if (!out) out = line;
    else if (CJK.test(out.at(-1)) && CJK.test(line[0])) out += line;
    else out += ` ${line}`;
  }
  return out;
}

function safeHref(href, rewrite) {
  const target = rewrite ? rewrite(href) : href;
  if (/^(https?:|#|\.{0,2}\/|[\w.-]+(#|$|\/|\.html))/i.test(target) && !/^\s*(javascript|data|vbscript):/i.test(target)) return target;
  return null;
}

/**
 * Inline Markdown of one block to HTML.
 * @param {string} text
 * @param {{rewriteLink?: (href: string) => string}} [options]
 */
export function inline(text, options = {}) {
  const tokens = [];
  const keep = (html) => `\u0000${tokens.push(html) - 1}\u0000`;
  let s = String(text).replace(/\u0000/g, '');
  // Code spans first: nothing inside them is Markdown.
  s = s.replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, (_, _t, code) => keep(`<code>${escapeHtml(code.trim() || code)}</code>`));
  // Links: [text](target)
  s = s.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (whole, label, href) => {
    const target = safeHref(href, options.rewriteLink);
    const inner = inline(label, options);
    if (!target) return keep(inner);
    const external = /^https?:/i.test(target);
    return keep(`<a href="${escapeHtml(target)}"${external ? ' rel="noopener noreferrer"' : ''}>${inner}</a>`);
  });
  // Bare URLs (the Sources sections), without the punctuation that ends a sentence.
  s = s.replace(/https?:\/\/[^\s<>"]+/g, (url) => {
    let u = url;
    let tail = '';
    for (;;) {
      const last = u.at(-1);
      if ('.,;:!?'.includes(last) || (last === ')' && (u.match(/\(/g) ?? []).length < (u.match(/\)/g) ?? []).length)) {
        tail = last + tail;
        u = u.slice(0, -1);
      } else break;
    }
    return keep(`<a href="${escapeHtml(u)}" rel="noopener noreferrer">${escapeHtml(u)}</a>`) + tail;
  });
  s = escapeHtml(s);
  s = s.replace(/\*\*([^*]+?)\*\*/g, '<strong>$1</strong>');
  s = s.replace(/(^|[^*\w])\*([^*\s][^*]*?)\*(?!\w)/g, '$1<em>$2</em>');
  s = s.replace(/(^|[^\w])_([^_\s][^_]*?)_(?!\w)/g, '$1<em>$2</em>');
  return s.replace(/\u0000(\d+)\u0000/g, (_, i) => tokens[Number(i)]);
}

function slug(text) {
  return text
    .toLowerCase()
    .replace(/<[^>]*>/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '');
}

function splitRow(line) {
  let l = line.trim();
  if (l.startsWith('|')) l = l.slice(1);
  if (l.endsWith('|') && !l.endsWith('\\|')) l = l.slice(0, -1);
  const cells = [];
  let cur = '';
  let inCode = false;
  for (let i = 0; i < l.length; i++) {
    const c = l[i];
    if (c === '`') inCode = !inCode;
    if (c === '\\' && l[i + 1] === '|') {
      cur += '|';
      i++;
    } else if (c === '|' && !inCode) {
      cells.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  cells.push(cur.trim());
  return cells;
}

/**
 * A Markdown document to HTML.
 * @param {string} source
 * @param {{rewriteLink?: (href: string) => string, idPrefix?: string}} [options]
 * @returns {{html: string, title: string}} title: the text of the first level-1 heading
 */
export function markdownToHtml(source, options = {}) {
  const lines = String(source).replace(/\r\n?/g, '\n').split('\n');
  const out = [];
  let title = '';
  let i = 0;
  const isBlank = (l) => /^\s*$/.test(l);
  const listItem = (l) => /^(\s*)([-*+]|\d+[.)])\s+(.*)$/.exec(l);
  const startsBlock = (l) => /^(#{1,6}\s|```|>|\s*([-*+]|\d+[.)])\s+|\|)/.test(l);
  while (i < lines.length) {
    const line = lines[i];
    if (isBlank(line)) {
      i++;
      continue;
    }
    let m;
    if ((m = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line))) {
      const level = m[1].length;
      const html = inline(m[2], options);
      if (level === 1 && !title) title = m[2].replace(/[`*_]/g, '');
      out.push(`<h${level} id="${escapeHtml((options.idPrefix ?? '') + slug(html))}">${html}</h${level}>`);
      i++;
    } else if ((m = /^```\s*([\w-]*)\s*$/.exec(line))) {
      const code = [];
      i++;
      while (i < lines.length && !/^```\s*$/.test(lines[i])) code.push(lines[i++]);
      i++; // the closing fence
      const cls = m[1] ? ` class="language-${escapeHtml(m[1])}"` : '';
      out.push(`<pre><code${cls}>${escapeHtml(code.join('\n'))}</code></pre>`);
    } else if (line.startsWith('>')) {
      const quote = [];
      while (i < lines.length && lines[i].startsWith('>')) quote.push(lines[i++].replace(/^>\s?/, ''));
      out.push(`<blockquote>${markdownToHtml(quote.join('\n'), options).html}</blockquote>`);
    } else if (line.trim().startsWith('|') && i + 1 < lines.length && /^\s*\|?\s*:?-{2,}/.test(lines[i + 1])) {
      const head = splitRow(line);
      i += 2;
      const rows = [];
      while (i < lines.length && lines[i].trim().startsWith('|')) rows.push(splitRow(lines[i++]));
      const th = head.map((c) => `<th scope="col">${inline(c, options)}</th>`).join('');
      const body = rows.map((r) => `<tr>${r.map((c) => `<td>${inline(c, options)}</td>`).join('')}</tr>`).join('\n');
      out.push(`<div class="table-scroll"><table><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table></div>`);
    } else if ((m = listItem(line))) {
      const ordered = /\d/.test(m[2]);
      const items = [];
      while (i < lines.length) {
        const item = listItem(lines[i]);
        if (!item || /\d/.test(item[2]) !== ordered) break;
        const text = [item[3]];
        i++;
        // Continuation lines: indented, not a new item, not blank.
        while (i < lines.length && !isBlank(lines[i]) && /^\s+\S/.test(lines[i]) && !listItem(lines[i])) text.push(lines[i++]);
        items.push(`<li>${inline(joinLines(text), options)}</li>`);
        if (i < lines.length && isBlank(lines[i]) && i + 1 < lines.length && listItem(lines[i + 1])) i++;
      }
      const start = ordered && Number.parseInt(m[2], 10) !== 1 ? ` start="${Number.parseInt(m[2], 10)}"` : '';
      out.push(ordered ? `<ol${start}>\n${items.join('\n')}\n</ol>` : `<ul>\n${items.join('\n')}\n</ul>`);
    } else {
      const para = [];
      while (i < lines.length && !isBlank(lines[i]) && !(para.length && startsBlock(lines[i]))) para.push(lines[i++]);
      out.push(`<p>${inline(joinLines(para), options)}</p>`);
    }
  }
  return { html: out.join('\n'), title };
}
