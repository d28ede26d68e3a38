// DNS over HTTPS over HTTP/2 for the command line, as a fetch() the DoH
// driver takes (www/lib/doh-driver.js runSession's `fetch` option): the
// driver's path stays the same (its GET, status and media-type checks, the
// timeout and the "max bytes + 1" read), only the HTTP under it changes.
// Node 20's own fetch speaks HTTP/1.1 only, and some resolvers (Quad9)
// answer DoH over HTTP/2 only (docs/sources.md#doh-wire).
//
//   const h2 = createHttp2Fetch();
//   await runSession(session, { resolver: url, fetch: h2.fetch });
//   await h2.close(); // or let it be: an idle connection does not hold the process
//
// One connection per origin, opened on first use and shared by every
// question after it (HTTP/2 streams). The TLS handshake offers ALPN "h2" and
// "http/1.1" (RFC 7301); a server that picks anything but h2 is asked with
// the fallback fetch (HTTP/1.1) for as long as this client lives, so asking
// for HTTP/2 costs nothing with a server that does not speak it.
import { connect as tlsConnect } from 'node:tls';
import { connect as http2Connect, constants } from 'node:http2';
import { STATUS_CODES } from 'node:http';
import { isIP } from 'node:net';

const { NGHTTP2_CANCEL } = constants;
// What the body stream buffers before it stops reading the HTTP/2 stream
// (which then stops opening the flow-control window for the server).
const BODY_BUFFER = 16384;
// How long close() lets a connection end by itself before it is destroyed.
const CLOSE_GRACE_MS = 1000;

// The error Node's fetch gives for a failed request: "fetch failed", the reason as `cause`
// (the driver shows "fetch failed: ECONNREFUSED").
const fetchFailed = (cause) => new TypeError('fetch failed', { cause });

/**
 * A fetch() over HTTP/2.
 * @param {object} [options]
 * @param {typeof fetch} [options.fallback=globalThis.fetch] asks an origin that does not offer h2
 * @param {import('node:tls').ConnectionOptions} [options.tls] more TLS options (tests: `ca`)
 * @returns {{fetch: typeof fetch, close: () => Promise<void>, stats: () => {connections: number, http2: number, fallback: number}}}
 *   fetch(url, {method, headers, body, signal}) resolves to a Response (status, headers,
 *   body stream; cancelling the body resets the HTTP/2 stream) or rejects with the signal's
 *   reason when aborted, else a TypeError "fetch failed" with the cause. close() ends every
 *   connection. stats() counts connections opened and requests sent each way.
 */
export function createHttp2Fetch({ fallback = globalThis.fetch && ((...a) => globalThis.fetch(...a)), tls = {} } = {}) {
  const origins = new Map(); // origin -> {ready, session, socket, inflight, http1}
  const counts = { connections: 0, http2: 0, fallback: 0 };

  // An idle connection does not keep the process alive; one with a request in flight does.
  const holdIf = (entry) => {
    const handle = entry.session ?? entry.socket;
    if (!handle || handle.destroyed) return;
    if (entry.inflight > 0) handle.ref();
    else handle.unref();
  };
  const forget = (entry) => {
    if (origins.get(entry.origin) === entry) origins.delete(entry.origin);
  };

  function open(url) {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const entry = { origin: url.origin, session: null, socket: null, inflight: 0, http1: false };
    counts.connections++;
    entry.ready = new Promise((resolve, reject) => {
      const socket = tlsConnect({
        host,
        port: Number(url.port || 443),
        ...(isIP(host) ? {} : { servername: host }),
        ALPNProtocols: ['h2', 'http/1.1'],
        ...tls,
      });
      entry.socket = socket;
      socket.once('error', (error) => {
        forget(entry);
        reject(error);
      });
      socket.once('secureConnect', () => {
        if (socket.alpnProtocol !== 'h2') {
          // HTTP/1.1 (or no ALPN at all): the fallback asks this origin from now on.
          entry.http1 = true;
          socket.destroy();
          resolve(null);
          return;
        }
        const session = http2Connect(url.origin, { createConnection: () => socket });
        entry.session = session;
        // A session's errors reach each of its streams; the connection is then forgotten.
        session.on('error', () => forget(entry));
        session.on('goaway', () => forget(entry));
        session.on('close', () => forget(entry));
        holdIf(entry);
        resolve(session);
      });
    });
    // Nobody may be waiting when the connection fails.
    entry.ready.catch(() => {});
    return entry;
  }

  function entryFor(url) {
    let entry = origins.get(url.origin);
    if (entry && entry.session && (entry.session.closed || entry.session.destroyed)) {
      forget(entry);
      entry = null;
    }
    if (!entry) {
      entry = open(url);
      origins.set(url.origin, entry);
    }
    return entry;
  }

  // `promise`, or the signal's reason as soon as it aborts.
  function untilAbort(promise, signal) {
    if (!signal) return promise;
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  // One request on an open session. Resolves at the response headers; the body is a stream.
  function request(session, url, init, done) {
    const { signal } = init;
    const method = (init.method ?? 'GET').toUpperCase();
    const headers = { ':method': method, ':path': `${url.pathname}${url.search}` };
    for (const [name, value] of new Headers(init.headers ?? {})) headers[name] = value;
    const body = init.body == null ? null : typeof init.body === 'string' ? Buffer.from(init.body) : Buffer.from(init.body.buffer ?? init.body, init.body.byteOffset ?? 0, init.body.byteLength);
    return new Promise((resolve, reject) => {
      let stream;
      try {
        stream = session.request(headers, { endStream: body === null });
      } catch (error) {
        done();
        reject(error);
        return;
      }
      if (body) stream.end(body);
      counts.http2++;
      let answered = false;
      let ended = false;
      let controller = null;
      const fail = (error) => {
        if (!answered) {
          answered = true;
          reject(error);
        } else if (controller) {
          try {
            controller.error(error);
          } catch {
            // the body was already read or cancelled
          }
        }
      };
      const onAbort = () => {
        stream.close(NGHTTP2_CANCEL);
        fail(signal.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      stream.on('error', (error) => fail(fetchFailed(error)));
      stream.on('close', () => {
        signal?.removeEventListener('abort', onAbort);
        done();
        // Closed before the whole body came (reset by the server, or the connection lost).
        if (!ended) fail(fetchFailed(new Error(`HTTP/2 stream closed before the end of the answer (code ${stream.rstCode})`)));
      });
      stream.on('end', () => {
        ended = true;
        try {
          controller?.close();
        } catch {
          // cancelled or errored already
        }
      });
      stream.on('response', (raw) => {
        const status = raw[':status'];
        const out = new Headers();
        for (const [name, value] of Object.entries(raw)) {
          if (!name.startsWith(':')) for (const one of [].concat(value)) out.append(name, String(one));
        }
        const empty = method === 'HEAD' || [204, 205, 304].includes(status);
        const readable = empty
          ? null
          : new ReadableStream(
              {
                start(c) {
                  controller = c;
                  stream.on('data', (chunk) => {
                    try {
                      c.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
                    } catch {
                      return; // cancelled: the stream is being reset
                    }
                    if (c.desiredSize <= 0) stream.pause();
                  });
                },
                pull() {
                  stream.resume();
                },
                cancel() {
                  controller = null;
                  stream.close(NGHTTP2_CANCEL);
                },
              },
              { highWaterMark: BODY_BUFFER, size: (chunk) => chunk.byteLength },
            );
        if (empty) stream.resume();
        let response;
        try {
          response = new Response(readable, { status, statusText: STATUS_CODES[status] ?? '', headers: out });
        } catch (error) {
          // A status fetch cannot represent (below 200 or above 599).
          stream.close(NGHTTP2_CANCEL);
          fail(fetchFailed(error));
          return;
        }
        answered = true;
        resolve(response);
      });
    });
  }

  async function fetch(input, init = {}) {
    const url = new URL(String(input));
    const signal = init.signal ?? null;
    signal?.throwIfAborted();
    if (url.protocol !== 'https:') throw fetchFailed(new Error(`not https: ${url.protocol}`));
    const entry = entryFor(url);
    if (entry.http1) {
      counts.fallback++;
      return fallback(input, init);
    }
    entry.inflight++;
    holdIf(entry);
    let released = false;
    const done = () => {
      if (released) return;
      released = true;
      entry.inflight--;
      holdIf(entry);
    };
    let session;
    try {
      session = await untilAbort(entry.ready, signal);
    } catch (error) {
      done();
      if (signal?.aborted) throw signal.reason;
      throw fetchFailed(error);
    }
    if (!session) {
      done();
      counts.fallback++;
      return fallback(input, init);
    }
    try {
      return await request(session, url, init, done);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw error instanceof TypeError && error.message === 'fetch failed' ? error : fetchFailed(error);
    }
  }

  async function close() {
    const entries = [...origins.values()];
    origins.clear();
    await Promise.all(
      entries.map(
        (entry) =>
          new Promise((resolve) => {
            const { session, socket } = entry;
            if (!session || session.destroyed) {
              socket?.destroy();
              resolve();
              return;
            }
            // Held while it closes (an idle session is unref'd): whoever awaits close() gets
            // an answer within the grace time, not an event loop that empties under it.
            session.ref();
            const timer = setTimeout(() => {
              session.destroy();
              resolve();
            }, CLOSE_GRACE_MS);
            session.close(() => {
              clearTimeout(timer);
              resolve();
            });
          }),
      ),
    );
  }

  return { fetch, close, stats: () => ({ ...counts }) };
}

// The command's one HTTP/2 client, made on first use. Its idle connections do not hold the
// process, so a command that never calls closeHttp2() still exits when its work is done.
let shared = null;

/**
 * runSession's `fetch` option for `resolver` (resolveResolver's result): the shared HTTP/2
 * client's fetch when the resolver is marked `http2` (Quad9's preset, verify --doh-http2),
 * else nothing (Node's fetch, HTTP/1.1). Spread it into runSession's options.
 */
export function http2FetchFor(resolver) {
  if (!resolver?.http2) return {};
  shared ??= createHttp2Fetch();
  return { fetch: shared.fetch };
}

/** Ends the shared client's connections (a command calls it when it is done). */
export async function closeHttp2() {
  const client = shared;
  shared = null;
  await client?.close();
}
