// A stand-in for the two Cloudflare API v4 endpoints the fix's script calls,
// on loopback, for tests/js/cloudflare-script.test.mjs. Cloudflare's API is a
// service we cannot run here; this plays the request and response shapes its
// documentation gives (docs/sources.md#cloudflare-list-records and
// #cloudflare-batch), and nothing more:
//   GET  /client/v4/zones/{zone_id}/dns_records?type=&name.exact=  (filters; per_page 100)
//   POST /client/v4/zones/{zone_id}/dns_records/batch  {deletes, patches, puts, posts}
// Every answer is the API's envelope {success, errors, messages, result}
// (and result_info for a list); a wrong token gets success false, an id that
// is not there fails the whole batch and changes nothing, as the batch is
// one transaction.
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';

const envelope = (result, extra = {}) => ({ result, success: true, errors: [], messages: [], ...extra });
const failure = (code, message) => ({ result: null, success: false, errors: [{ code, message }], messages: [] });

/**
 * Starts the stand-in on 127.0.0.1. Returns {base, token, zoneId, reset(records),
 * records(), initial, requests, close()}: `requests` lists {method, path, query
 * (URLSearchParams), auth, body}; reset() gives each record an id (32 hex digits,
 * as Cloudflare's) and clears the requests.
 */
export async function startCloudflareApi() {
  const token = randomBytes(20).toString('hex');
  const zoneId = randomBytes(16).toString('hex');
  let records = [];
  const state = { initial: [], requests: [] };
  const full = (r) => ({
    id: r.id ?? randomBytes(16).toString('hex'),
    zone_id: zoneId,
    zone_name: 'club.example',
    name: r.name,
    type: r.type,
    content: r.content,
    ...(r.priority !== undefined ? { priority: r.priority } : {}),
    proxiable: ['A', 'AAAA', 'CNAME'].includes(r.type),
    proxied: r.proxied ?? false,
    ttl: r.ttl ?? 1,
    settings: {},
    meta: {},
    comment: null,
    tags: [],
    created_on: '2026-11-20T09:14:02.000000Z',
    modified_on: '2026-11-20T09:14:02.000000Z',
  });
  const send = (res, status, body) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server = createServer((req, res) => {
    let data = '';
    req.on('data', (d) => (data += d));
    req.on('end', () => {
      const url = new URL(req.url, 'http://127.0.0.1');
      let body = null;
      try {
        body = data ? JSON.parse(data) : null;
      } catch {
        return send(res, 400, failure(9207, 'Request body is invalid.'));
      }
      state.requests.push({ method: req.method, path: url.pathname, query: url.searchParams, auth: req.headers.authorization, body });
      if (req.headers.authorization !== `Bearer ${token}`) return send(res, 403, failure(10000, 'Authentication error'));
      const list = `/client/v4/zones/${zoneId}/dns_records`;
      if (req.method === 'GET' && url.pathname === list) {
        const name = url.searchParams.get('name.exact');
        const type = url.searchParams.get('type');
        // Name filters are case-insensitive (the API's documentation).
        const found = records.filter((r) => (name === null || r.name.toLowerCase() === name.toLowerCase()) && (type === null || r.type === type)).slice(0, 100);
        return send(res, 200, envelope(found, { result_info: { page: 1, per_page: 100, count: found.length, total_count: found.length, total_pages: 1 } }));
      }
      if (req.method === 'POST' && url.pathname === `${list}/batch`) {
        const next = records.map((r) => ({ ...r }));
        const out = { deletes: [], patches: [], puts: [], posts: [] };
        const at = (id) => next.findIndex((r) => r.id === id);
        for (const d of body?.deletes ?? []) {
          const i = at(d.id);
          if (i < 0) return send(res, 400, failure(81044, 'Record does not exist.'));
          out.deletes.push(next.splice(i, 1)[0]);
        }
        for (const p of body?.patches ?? []) {
          const i = at(p.id);
          if (i < 0) return send(res, 400, failure(81044, 'Record does not exist.'));
          next[i] = { ...next[i], ...p };
          out.patches.push(next[i]);
        }
        for (const p of body?.posts ?? []) {
          // "A/AAAA/CNAME records cannot exist on the same name as CNAME records."
          if (['A', 'AAAA', 'CNAME'].includes(p.type) && next.some((r) => r.name === p.name && (r.type === 'CNAME' || p.type === 'CNAME'))) return send(res, 400, failure(81053, 'An A, AAAA, or CNAME record with that host already exists.'));
          const r = full(p);
          next.push(r);
          out.posts.push(r);
        }
        records = next;
        return send(res, 200, envelope(out));
      }
      return send(res, 404, failure(7003, 'Could not route to the requested path.'));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    base: `http://127.0.0.1:${port}/client/v4`,
    token,
    zoneId,
    get initial() {
      return state.initial;
    },
    get requests() {
      return state.requests;
    },
    reset(given) {
      records = given.map(full);
      state.initial = records.map((r) => ({ ...r }));
      state.requests = [];
    },
    records: () => records.map((r) => ({ ...r })),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
