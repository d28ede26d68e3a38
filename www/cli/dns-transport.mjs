// Plain DNS to one name server (RFC 1035 §4.2): UDP first, TCP when the
// answer comes back truncated (TC=1, RFC 7766 §5). The Node half of asking
// authoritative servers directly; runSession (www/lib/doh-driver.js) drives
// it exactly as it drives DoH, and the core's Session decides what to ask.
//
//   const transport = createDnsTransport({ host: '192.0.2.53', port: 53 });
//   await runSession(session, { transport, timeoutMs: 3000 });
//
// Every query goes out with a fresh random message ID; an answer counts only
// when it comes from the server asked, carries that ID, has QR set and
// repeats the question byte for byte (names compared without case), as RFC
// 5452 §9.1 asks of a resolver. Anything else is ignored and the wait goes
// on, so a spoofed or stray datagram can only cost time, never an answer.
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { isIP } from 'node:net';
import { randomBytes } from 'node:crypto';

/** The largest UDP answer asked for: the EDNS buffer of the DNS flag day 2020 (the core's QueryOptions). */
export const UDP_SIZE = 1232;

/**
 * "HOST", "HOST:PORT", "[IPV6]:PORT" or a bare IPv6 address -> {host, port}.
 * @returns {{host: string, port: number} | null} null when it cannot be read
 */
export function parseServer(text, defaultPort = 53) {
  if (typeof text !== 'string' || !text) return null;
  let host = text;
  let port = defaultPort;
  const bracket = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracket) {
    host = bracket[1];
    if (bracket[2] !== undefined) port = Number(bracket[2]);
    if (isIP(host) !== 6) return null;
  } else if (isIP(text) === 6) {
    host = text;
  } else {
    const colon = /^([^:]+):(\d+)$/.exec(text);
    if (colon) {
      host = colon[1];
      port = Number(colon[2]);
    } else if (text.includes(':')) {
      return null;
    }
    if (!isIP(host) && !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/i.test(host)) return null;
  }
  if (!Number.isInteger(port) || port < 1 || port > 65535) return null;
  return { host, port };
}

// The question section of a message (offset 12 to the end of QCLASS), or
// null when the message is too short or compresses the question name.
function questionBytes(bytes) {
  if (bytes.length < 12 || ((bytes[4] << 8) | bytes[5]) !== 1) return null;
  let at = 12;
  for (;;) {
    if (at >= bytes.length) return null;
    const len = bytes[at];
    if (len === 0) break;
    if (len > 63) return null;
    at += 1 + len;
  }
  at += 5;
  return at <= bytes.length ? bytes.subarray(12, at) : null;
}

function sameQuestion(a, b) {
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    let x = a[i];
    let y = b[i];
    if (x >= 65 && x <= 90) x += 32;
    if (y >= 65 && y <= 90) y += 32;
    if (x !== y) return false;
  }
  return true;
}

/** True when `answer` answers `query`: same ID, QR set, same question (RFC 5452 §9.1). */
export function answers(query, answer) {
  if (answer.length < 12 || answer[0] !== query[0] || answer[1] !== query[1] || !(answer[2] & 0x80)) return false;
  return sameQuestion(questionBytes(query), questionBytes(answer));
}

const truncated = (answer) => (answer[2] & 0x02) !== 0;

// The query with a fresh random ID (the core builds it with ID 0, RFC 8484 §4.1).
function withNewId(wire) {
  const q = Uint8Array.from(wire);
  const id = randomBytes(2);
  q[0] = id[0];
  q[1] = id[1];
  return q;
}

// The answer as the core expects it: the ID back to the core's 0, so the
// message reads the same whatever transport carried it.
function forCore(answer) {
  const a = Uint8Array.from(answer);
  a[0] = 0;
  a[1] = 0;
  return a;
}

class Timeout extends Error {}

function udpExchange(server, query, timeoutMs, signal) {
  return new Promise((resolve, reject) => {
    const socket = createSocket(isIP(server.address) === 6 ? 'udp6' : 'udp4');
    let finished = false;
    const finish = (fn, value) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.close();
      fn(value);
    };
    const timer = setTimeout(() => finish(reject, new Timeout()), timeoutMs);
    const onAbort = () => finish(reject, signal.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.on('error', (e) => finish(reject, e));
    socket.on('message', (msg, rinfo) => {
      // Only from the address and port asked, and only the answer to this query.
      if (rinfo.address !== server.address || rinfo.port !== server.port) return;
      if (!answers(query, msg)) return;
      finish(resolve, new Uint8Array(msg));
    });
    socket.send(query, server.port, server.address, (e) => e && finish(reject, e));
  });
}

function tcpExchange(server, query, timeoutMs, signal) {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: server.address, port: server.port });
    let finished = false;
    let buffered = Buffer.alloc(0);
    const finish = (fn, value) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      fn(value);
    };
    const timer = setTimeout(() => finish(reject, new Timeout()), timeoutMs);
    const onAbort = () => finish(reject, signal.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.on('error', (e) => finish(reject, e));
    socket.on('connect', () => {
      // RFC 1035 §4.2.2: each message prefixed with its length in two octets.
      const framed = Buffer.alloc(2 + query.length);
      framed.writeUInt16BE(query.length, 0);
      framed.set(query, 2);
      socket.write(framed);
    });
    socket.on('data', (chunk) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 2) {
        const size = buffered.readUInt16BE(0);
        if (buffered.length < 2 + size) return;
        const msg = buffered.subarray(2, 2 + size);
        buffered = buffered.subarray(2 + size);
        if (answers(query, msg)) return finish(resolve, new Uint8Array(msg));
      }
    });
    socket.on('end', () => finish(reject, new Error('connection closed before an answer')));
  });
}

function describe(error) {
  return error?.code ? `${error.code}${error.message && !error.message.includes(error.code) ? `: ${error.message}` : ''}` : String(error?.message ?? error);
}

/**
 * A transport for runSession that asks one name server directly.
 * @param {{host: string, port?: number, address?: string}} server  address: the IP to use
 *   (defaults to host, which must then be an IP address; resolve names first)
 * @param {object} [options]
 * @param {(server) => void} [options.onTcp] called each time a truncated answer is asked again over TCP
 * @returns {{label: string, kind: 'do53', exchange: (question, {timeoutMs, signal}) => Promise<{body: Uint8Array} | {kind: string, detail: string, retry: boolean}>}}
 */
export function createDnsTransport(server, { onTcp } = {}) {
  const address = server.address ?? server.host;
  if (!isIP(address)) throw new Error(`createDnsTransport: not an IP address: ${address}`);
  const target = { address, port: server.port ?? 53 };
  const label = isIP(address) === 6 ? `[${address}]:${target.port}` : `${address}:${target.port}`;
  return {
    kind: 'do53',
    label,
    server: { host: server.host ?? address, address, port: target.port },
    async exchange(question, { timeoutMs = 5000, signal } = {}) {
      const query = withNewId(question.wire);
      const started = Date.now();
      try {
        const answer = await udpExchange(target, query, timeoutMs, signal);
        if (!truncated(answer)) return { body: forCore(answer) };
        onTcp?.(target);
        // The rest of the time budget, and at least a second, for TCP.
        const left = Math.max(1000, timeoutMs - (Date.now() - started));
        return { body: forCore(await tcpExchange(target, query, left, signal)) };
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        if (error instanceof Timeout) return { kind: 'timeout', detail: `no answer from ${label} within ${timeoutMs} ms`, retry: true };
        return { kind: 'network', detail: `${label}: ${describe(error)}`, retry: true };
      }
    },
  };
}
