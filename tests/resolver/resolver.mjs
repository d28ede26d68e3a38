// A real DNS-over-HTTPS resolver on loopback for tests: nsd serves the zone
// files (authoritative), dnsdist answers RFC 8484 GET in front of it with the
// CORS header a web page needs. Each call gets its own temp dir and free
// ports, so test files running in parallel never share a daemon.
//
//   const r = await startResolver({ zones: [{ origin: 'club.test.', file: '/abs/club.test.zone' }] });
//   await fetch(`${r.url}?dns=...`, { headers: { accept: 'application/dns-message' } });
//   await r.stop();
//
// Node's fetch trusts the certificate only when the process was started with
// NODE_EXTRA_CA_CERTS=build/resolver/cert.pem (`make test` does that; the
// cert comes from tests/resolver/make-cert.sh).
import { createSocket } from 'node:dgram';
import { existsSync, mkdirSync, readFileSync, readdirSync, realpathSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gone, halt as haltDaemon, launch, logReport, ownTempDir, removeTempDir, sleep } from '../lib/daemon.mjs';

const here = dirname(fileURLToPath(import.meta.url));

/** Where make-cert.sh puts the cert by default; MXRAY_TEST_CERT_DIR overrides. */
export const DEFAULT_CERT_DIR = resolve(here, '../../build/resolver');

/** The folder holding cert.pem and key.pem for the DoH listener. */
export function certDir() {
  return process.env.MXRAY_TEST_CERT_DIR ? resolve(process.env.MXRAY_TEST_CERT_DIR) : DEFAULT_CERT_DIR;
}

/**
 * The zones of a folder whose files are named `<origin>zone`, e.g.
 * `club.test.zone` -> {origin: 'club.test.', file: '/abs/.../club.test.zone'}.
 */
export function zonesIn(folder) {
  return readdirSync(folder)
    .filter((f) => f.endsWith('.zone'))
    .sort()
    .map((f) => ({ origin: f.slice(0, -'zone'.length), file: resolve(folder, f) }));
}

// A loopback port free for TCP and, when `udp`, for UDP too (nsd binds both).
// Another process may still take it before the daemon binds: startResolver
// retries with fresh ports when a daemon fails to start.
async function freePort(udp) {
  for (let attempt = 0; attempt < 20; attempt++) {
    const tcp = createServer();
    const port = await new Promise((ok, fail) => {
      tcp.once('error', fail);
      tcp.listen(0, '127.0.0.1', () => ok(tcp.address().port));
    });
    let free = true;
    if (udp) {
      const sock = createSocket('udp4');
      free = await new Promise((ok) => {
        sock.once('error', () => ok(false));
        sock.bind(port, '127.0.0.1', () => ok(true));
      });
      await new Promise((ok) => sock.close(ok)).catch(() => {});
    }
    await new Promise((ok) => tcp.close(ok));
    if (free) return port;
  }
  throw new Error('resolver: found no free loopback port');
}

function nsdConf(dir, port, zones) {
  const lines = [
    'server:',
    `  ip-address: 127.0.0.1@${port}`,
    `  port: ${port}`,
    '  do-ip6: no',
    '  username: ""', // stay root: no privilege drop
    '  chroot: ""',
    '  database: ""', // no nsd.db: zones are read from the files
    `  zonesdir: "${dir}"`,
    `  pidfile: "${dir}/nsd.pid"`,
    `  xfrdfile: "${dir}/xfrd.state"`,
    `  zonelistfile: "${dir}/zone.list"`,
    `  logfile: "${dir}/nsd.log"`,
    '  server-count: 1',
    '  reuseport: no', // a second nsd on the same port must fail, not share it
    '  verbosity: 1',
    'remote-control:',
    '  control-enable: no',
  ];
  for (const z of zones) lines.push('zone:', `  name: "${z.origin}"`, `  zonefile: "${z.file}"`);
  return lines.join('\n') + '\n';
}

// A caching resolver (Unbound) between dnsdist and nsd: each zone is a stub
// zone served by nsd, so answers are cached for their TTL (and NXDOMAIN or
// no data for the SOA minimum, RFC 2308) while nsd may already serve new data.
function unboundConf(dir, port, nsdPort, zones) {
  const lines = [
    'server:',
    `  interface: 127.0.0.1@${port}`,
    `  port: ${port}`,
    '  do-ip6: no',
    '  username: ""',
    '  chroot: ""',
    `  directory: "${dir}"`,
    `  pidfile: "${dir}/unbound.pid"`,
    '  use-syslog: no',
    '  logfile: ""',
    '  num-threads: 1',
    '  so-reuseport: no',
    '  module-config: "iterator"', // no DNSSEC validation: the test zones are unsigned
    '  do-not-query-localhost: no',
    '  qname-minimisation: no',
    '  prefetch: no',
    '  serve-expired: no',
    '  access-control: 127.0.0.0/8 allow',
    'remote-control:',
    '  control-enable: no',
  ];
  // Unbound answers some special-use names (test., invalid. ...) itself unless told not to.
  for (const tld of new Set(zones.map((z) => z.origin.replace(/\.$/, '').split('.').pop() + '.'))) lines.splice(lines.indexOf('remote-control:'), 0, `  local-zone: "${tld}" nodefault`);
  for (const z of zones) lines.push('stub-zone:', `  name: "${z.origin}"`, `  stub-addr: 127.0.0.1@${nsdPort}`);
  return lines.join('\n') + '\n';
}

function dnsdistConf(nsdPort, dohPort, cert, key) {
  return [
    'setSecurityPollSuffix("")', // offline: no security-poll lookups
    // Forced up: no health-check queries, no wait for the first check.
    `newServer({address="127.0.0.1:${nsdPort}", name="nsd"}):setUp()`,
    `addDOHLocal("127.0.0.1:${dohPort}", "${cert}", "${key}", "/dns-query",`,
    '  { customResponseHeaders = { ["access-control-allow-origin"] = "*" } })',
    '',
  ].join('\n');
}

// A minimal SOA query (ID 0, RD) for the readiness probe.
function soaQuery(origin) {
  const labels = origin.replace(/\.$/, '').split('.').filter(Boolean);
  const bytes = [0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0];
  for (const l of labels) bytes.push(l.length, ...Buffer.from(l, 'ascii'));
  bytes.push(0, 0, 6, 0, 1);
  return Buffer.from(bytes);
}

// One DoH GET through node:https with the cert as CA, so the probe works
// whatever NODE_EXTRA_CA_CERTS says. Resolves to {status, rcode, ancount}.
function probe(url, ca, origin) {
  const dns = soaQuery(origin).toString('base64url');
  return new Promise((ok, fail) => {
    const req = request(`${url}?dns=${dns}`, { ca, headers: { accept: 'application/dns-message' }, timeout: 1000 }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        ok({ status: res.statusCode, rcode: body.length >= 12 ? body[3] & 0x0f : -1, ancount: body.length >= 12 ? body.readUInt16BE(6) : 0 });
      });
      res.on('error', fail);
    });
    req.on('timeout', () => req.destroy(new Error('probe timed out')));
    req.on('error', fail);
    req.end();
  });
}

const halt = (child) => haltDaemon(child, 3000);

/**
 * Why Node's fetch() would reject the test certificate, or null when it will
 * trust it: NODE_EXTRA_CA_CERTS must name that file when Node starts.
 */
export function nodeTrustProblem(cert = join(certDir(), 'cert.pem')) {
  const extra = process.env.NODE_EXTRA_CA_CERTS;
  try {
    if (extra && realpathSync(extra) === realpathSync(cert)) return null;
  } catch {
    // a path that does not exist is the problem described below
  }
  return `fetch() will reject the test resolver's certificate: start node with NODE_EXTRA_CA_CERTS=${cert}` +
    (extra ? ` (it is ${extra})` : '');
}

let warnedTrust = false;

/**
 * Starts nsd (authoritative for `zones`) behind dnsdist (DoH on loopback).
 * @param {{zones: {origin: string, file: string}[], dir?: string, timeoutMs?: number, cache?: boolean}} options
 *   zones: absolute zone file paths with their origins; dir: where configs and
 *   logs go (default: a fresh temp dir, removed by stop()); timeoutMs: how long
 *   to wait for the first real answer; cache: put a caching resolver (Unbound)
 *   between dnsdist and nsd, so the DoH endpoint serves cached answers until
 *   their TTL runs out.
 * @returns {Promise<{url: string, do53: {host: string, port: number}, cache: {host: string, port: number} | null, dir: string, cert: string, reload: () => Promise<void>, stop: () => Promise<void>}>}
 *   url: the DoH endpoint; do53: nsd itself (UDP and TCP); cache: Unbound when asked for;
 *   reload(): nsd reads its zone files again (SIGHUP), e.g. after a test rewrote one.
 */
export async function startResolver({ zones, dir, timeoutMs = 10000, cache = false } = {}) {
  if (!Array.isArray(zones) || zones.length === 0) throw new Error('startResolver: give at least one zone');
  for (const z of zones) {
    if (!/\.$/.test(z.origin)) throw new Error(`startResolver: origin must be absolute (end with '.'): ${z.origin}`);
    if (!existsSync(z.file)) throw new Error(`startResolver: zone file not found: ${z.file}`);
  }
  const certs = certDir();
  const cert = join(certs, 'cert.pem');
  const key = join(certs, 'key.pem');
  if (!existsSync(cert) || !existsSync(key)) {
    throw new Error(`startResolver: no test certificate in ${certs}; run tests/resolver/make-cert.sh ${certs} (make test does)`);
  }
  const trust = nodeTrustProblem(cert);
  if (trust && !warnedTrust) {
    warnedTrust = true;
    process.emitWarning(trust);
  }
  const ca = readFileSync(cert);

  const ownDir = !dir;
  const work = dir ? resolve(dir) : ownTempDir('mxray-resolver-');
  mkdirSync(work, { recursive: true });
  const removeWork = () => {
    if (ownDir) removeTempDir(work);
  };
  const files = zones.map((z) => ({ origin: z.origin, file: resolve(z.file) }));
  const started = Date.now();
  let lastError;

  // Ports are picked before the daemons bind them; on a lost race the daemon
  // exits, and a new pair of ports is tried.
  for (let attempt = 1; attempt <= 5; attempt++) {
    const nsdPort = await freePort(true);
    let dohPort;
    do dohPort = await freePort(false);
    while (dohPort === nsdPort);
    let cachePort = null;
    if (cache) {
      do cachePort = await freePort(true);
      while (cachePort === nsdPort || cachePort === dohPort);
    }
    writeFileSync(join(work, 'nsd.conf'), nsdConf(work, nsdPort, files));
    writeFileSync(join(work, 'dnsdist.conf'), dnsdistConf(cachePort ?? nsdPort, dohPort, cert, key));
    const logs = { 'nsd.log': join(work, 'nsd.log'), 'nsd output': join(work, 'nsd.out'), 'dnsdist output': join(work, 'dnsdist.out') };
    if (cache) {
      writeFileSync(join(work, 'unbound.conf'), unboundConf(work, cachePort, nsdPort, files));
      logs['unbound output'] = join(work, 'unbound.out');
    }
    for (const p of Object.values(logs)) writeFileSync(p, '');

    const nsd = launch('nsd', ['-d', '-c', join(work, 'nsd.conf')], logs['nsd output']);
    const unbound = cache ? launch('unbound', ['-d', '-c', join(work, 'unbound.conf')], logs['unbound output']) : null;
    const dnsdist = launch('dnsdist', ['--supervised', '--disable-syslog', '-C', join(work, 'dnsdist.conf')], logs['dnsdist output']);
    const daemons = [['nsd', nsd], ['dnsdist', dnsdist], ...(unbound ? [['unbound', unbound]] : [])];
    const url = `https://127.0.0.1:${dohPort}/dns-query`;

    const deadline = Date.now() + timeoutMs;
    let waiting = files.slice();
    let exited = null;
    while (waiting.length && Date.now() < deadline) {
      exited = daemons.find(([, c]) => gone(c));
      if (exited) break;
      // Every zone must answer its SOA: a zone nsd failed to load answers SERVFAIL.
      const r = await probe(url, ca, waiting[0].origin).catch((e) => ({ error: e }));
      if (r.status === 200 && r.rcode === 0 && r.ancount > 0) {
        waiting.shift();
        continue;
      }
      lastError = r.error ? r.error.message : `HTTP ${r.status}, rcode ${r.rcode}`;
      await sleep(25);
    }

    if (!waiting.length) {
      let stopped = null;
      const stop = () =>
        (stopped ??= (async () => {
          await Promise.all(daemons.map(([, c]) => halt(c)));
          removeWork();
        })());
      // nsd re-reads changed zone files on SIGHUP (nsd(8)); its pid file names the daemon itself.
      const reload = async () => {
        const pid = Number(readFileSync(join(work, 'nsd.pid'), 'utf8').trim());
        process.kill(pid, 'SIGHUP');
        await sleep(300);
      };
      const cacheAddress = cache ? { host: '127.0.0.1', port: cachePort } : null;
      return { url, do53: { host: '127.0.0.1', port: nsdPort }, cache: cacheAddress, dir: work, cert, startupMs: Date.now() - started, reload, stop };
    }

    await Promise.all(daemons.map(([, c]) => halt(c)));
    const report = logReport(logs, 4000);
    const portClash = /already in use|can't bind|Unable to bind|EADDRINUSE/i.test(report);
    if (exited && portClash && attempt < 5) continue; // lost the port race: new ports
    removeWork();
    const code = exited?.[1].exitCode;
    const why = exited
      ? `${exited[0]} exited (${code ?? exited[1].signalCode})${code === 127 ? `: is ${exited[0]} installed? (make setup)` : ''}`
      : `no DoH answer for ${waiting.map((z) => z.origin).join(', ')} within ${timeoutMs} ms (last: ${lastError})`;
    throw new Error(`startResolver: ${why}\n${report}`);
  }
  throw new Error(`startResolver: gave up after 5 port clashes (last: ${lastError})`);
}
