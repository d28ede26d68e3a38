// A tiny static file server for the browser tests: serves one folder on
// 127.0.0.1 (a free port), with the right media types (application/wasm for
// instantiateStreaming) and no caching. It sends the headers the folder's
// `_headers` file asks for, as static hosts that read that file do (the hosted
// build's Content-Security-Policy with frame-ancestors). It records every
// request it gets.
import { createServer } from 'node:http';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * The rules of a `_headers` file (the format Netlify and Cloudflare Pages
 * read): a line with a path ("/*", "/rules/*" or one file) starts a rule, the
 * indented "Name: value" lines under it are its headers.
 * @returns {{path: string, headers: Record<string, string>}[]}
 */
export function readHeadersFile(file) {
  const rules = [];
  for (const [i, line] of readFileSync(file, 'utf8').split('\n').entries()) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      rules.push({ path: line.trim(), headers: {} });
      continue;
    }
    const m = /^\s+([A-Za-z0-9-]+):\s*(.*)$/.exec(line);
    if (!m || !rules.length) throw new Error(`${file}:${i + 1}: not a header line: ${JSON.stringify(line)}`);
    rules.at(-1).headers[m[1].toLowerCase()] = m[2].trim();
  }
  return rules;
}

const ruleMatches = (rule, path) => (rule.endsWith('*') ? path.startsWith(rule.slice(0, -1)) : path === rule);

/**
 * Serves `folder`.
 * @param {string} folder
 * @param {{headers?: Record<string, string>, headersFile?: boolean}} [options] headers: extra
 *   headers on every response; headersFile: false to leave the folder's `_headers` unread
 * @returns {Promise<{url: string, requests: string[], close: () => Promise<void>}>}
 */
export async function serveFolder(folder, { headers = {}, headersFile = true } = {}) {
  const base = resolve(folder);
  const requests = [];
  const rules = headersFile && existsSync(join(base, '_headers')) ? readHeadersFile(join(base, '_headers')) : [];
  const fromFile = (path) => Object.assign({}, ...rules.filter((r) => ruleMatches(r.path, path)).map((r) => r.headers));
  const server = createServer((req, res) => {
    requests.push(req.url);
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = normalize(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      const size = statSync(file).size;
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'content-length': size,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        ...fromFile(path),
        ...headers,
      });
      if (req.method === 'HEAD') res.end();
      else createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}
