// `mxray check --probe`: confirms the symptom at the mail ports themselves. For
// each mail name of the report (names[] with the ports its users need) and each
// address live DNS gave it, it connects, reads the greeting, asks for the
// capabilities and upgrades with STARTTLS where the protocol has it (implicit
// TLS on 465, 993 and 995), and reads the server's certificate: its names,
// whether they cover the name (RFC 6125 §6.4), whether it chains to a trusted
// root (reported; the connection never fails on it).
//
// What is sent, and nothing else (docs/security.md): SMTP `EHLO`, `STARTTLS`,
// `QUIT`; IMAP `CAPABILITY`, `STARTTLS`, `LOGOUT`; POP3 `CAPA`, `STLS`, `QUIT`.
// No credentials, no mail command. Every wait is bounded by the timeout, at most
// PROBE_CONCURRENCY connections are open at once, and a server may send at most
// MAX_LINE bytes a line and MAX_BYTES in all before the probe gives up on it;
// the replies of one connection take CONNECTION_STEPS timeouts at most together.
import { connect as tcpConnect, isIP } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { probeStepParams } from '../lib/report-text.js';

/** Connections open at once, over all names, addresses and ports. */
export const PROBE_CONCURRENCY = 8;
/** The default limit of each step (connect, each reply, the TLS handshake), in ms. */
export const PROBE_TIMEOUT_MS = 5000;
/** The longest line read from a server, and the most bytes read from one connection. */
export const MAX_LINE = 2048;
export const MAX_BYTES = 16384;
/** The replies of one connection take at most this many timeouts together, however its server paces its lines. */
export const CONNECTION_STEPS = 4;
/** The most connections one probe makes (names × addresses × ports). */
export const MAX_PROBES = 256;

// The ports the probe knows: the service's name, its protocol, and whether TLS
// starts at once (implicit) or after STARTTLS.
export const PROBE_PORTS = {
  25: { service: 'smtp', protocol: 'smtp', implicit: false },
  587: { service: 'submission', protocol: 'smtp', implicit: false },
  465: { service: 'smtps', protocol: 'smtp', implicit: true },
  143: { service: 'imap', protocol: 'imap', implicit: false },
  993: { service: 'imaps', protocol: 'imap', implicit: true },
  110: { service: 'pop3', protocol: 'pop3', implicit: false },
  995: { service: 'pop3s', protocol: 'pop3', implicit: true },
};

const HELO_NAME = 'mxray.invalid'; // RFC 2606 §2: a name that cannot be anyone's

/**
 * What to probe: each name of the report with live addresses and a port the
 * probe knows among the ports its users need, each address once.
 * @returns {{name, port, service, address, family, provider}[]} at most MAX_PROBES
 */
export function probeTargets(report) {
  const out = [];
  const seen = new Set();
  for (const n of report.names ?? []) {
    const ports = [...new Set((n.needs ?? []).map((x) => Number(x.port)))].filter((p) => PROBE_PORTS[p]);
    if (!ports.length) continue;
    const addresses = [];
    for (const h of n.live?.hops ?? []) {
      if ((h.type === 'A' || h.type === 'AAAA') && isIP(String(h.data)) && !addresses.some((a) => a.address === h.data)) {
        addresses.push({ address: String(h.data), family: h.type === 'A' ? 4 : 6, provider: h.provider ?? null });
      }
    }
    const name = String(n.name).replace(/\.$/, '');
    for (const port of ports) {
      for (const a of addresses) {
        const key = `${name} ${port} ${a.address}`;
        if (seen.has(key) || out.length >= MAX_PROBES) continue;
        seen.add(key);
        out.push({ name, port, service: PROBE_PORTS[port].service, ...a });
      }
    }
  }
  return out;
}

/**
 * Whether the certificate's names cover `host` (RFC 6125 §6.4): the DNS names of
 * its subjectAltName; only when it has none, its subject CN (§6.4.4). A wildcard
 * counts only as the whole left-most label, stands for exactly one label
 * (§6.4.3: *.example.org covers mail.example.org, not example.org nor
 * a.mail.example.org), and needs two labels after it; partial wildcards
 * (m*.example.org, which §6.4.3 leaves to the client) are not matched.
 */
export function certificateCovers(host, names) {
  const want = String(host).toLowerCase().replace(/\.$/, '');
  const labels = want.split('.');
  return names.some((raw) => {
    const pattern = String(raw).toLowerCase().replace(/\.$/, '');
    if (!pattern.includes('*')) return pattern === want;
    const parts = pattern.split('.');
    if (parts[0] !== '*' || parts.slice(1).some((l) => l.includes('*')) || parts.length < 3) return false;
    return labels.length === parts.length && labels.slice(1).join('.') === parts.slice(1).join('.') && labels[0] !== '';
  });
}

// The presented identifiers of a peer certificate (node:tls getPeerCertificate()).
export function certificateNames(cert) {
  const san = String(cert?.subjectaltname ?? '')
    .split(/,\s*/)
    .filter((s) => s.startsWith('DNS:'))
    .map((s) => s.slice(4));
  const cn = typeof cert?.subject?.CN === 'string' ? cert.subject.CN : Array.isArray(cert?.subject?.CN) ? cert.subject.CN[0] : null;
  return { san, cn, identifiers: san.length ? san : cn ? [cn] : [] };
}

class ProbeStop extends Error {
  constructor(outcome, extra = {}) {
    super(outcome);
    this.outcome = outcome;
    this.extra = extra;
  }
}

// Lines from a socket, each bounded, all together bounded; each wait bounded by `timeout`.
class LineReader {
  constructor(socket, timeout, deadline) {
    this.timeout = timeout;
    this.deadline = deadline; // of the whole connection: a server that drips lines cannot hold it
    this.total = 0;
    this.attach(socket);
  }
  attach(socket) {
    this.socket = socket;
    this.buffer = Buffer.alloc(0);
    this.lines = [];
    this.ended = false;
    this.error = null;
    this.wake = null;
    socket.on('data', (chunk) => {
      this.total += chunk.length;
      if (this.total > MAX_BYTES) return this.fail(new ProbeStop('too-long'));
      this.buffer = Buffer.concat([this.buffer, chunk]);
      let at;
      while ((at = this.buffer.indexOf(0x0a)) >= 0) {
        this.lines.push(this.buffer.subarray(0, at).toString('latin1').replace(/\r$/, ''));
        this.buffer = this.buffer.subarray(at + 1);
      }
      if (this.buffer.length > MAX_LINE || this.lines.some((l) => l.length > MAX_LINE)) return this.fail(new ProbeStop('too-long'));
      this.poke();
    });
    socket.on('end', () => {
      this.ended = true;
      this.poke();
    });
    socket.on('close', () => {
      this.ended = true;
      this.poke();
    });
    socket.on('error', (e) => this.fail(e));
  }
  fail(e) {
    this.error ??= e;
    this.poke();
  }
  poke() {
    const w = this.wake;
    this.wake = null;
    w?.();
  }
  // The next line; `step` names what was awaited, for a timeout or a close.
  async line(step) {
    const deadline = Math.min(Date.now() + this.timeout, this.deadline);
    for (;;) {
      if (this.error) throw this.error instanceof ProbeStop ? this.error : new ProbeStop('closed', { step, detail: this.error.code ?? this.error.message });
      if (this.lines.length) return this.lines.shift();
      if (this.ended) throw new ProbeStop('closed', { step });
      const left = deadline - Date.now();
      if (left <= 0) throw new ProbeStop(step === 'greeting' ? 'no-greeting' : 'timeout', { step });
      await new Promise((res) => {
        const timer = setTimeout(res, left);
        this.wake = () => {
          clearTimeout(timer);
          res();
        };
      });
    }
  }
  send(text) {
    this.socket.write(text);
  }
}

const clip = (s) => (s.length > 200 ? `${s.slice(0, 200)}…` : s);

// An SMTP reply (RFC 5321 §4.2): its lines up to the one with a space after the code.
async function smtpReply(r, step) {
  const lines = [];
  for (;;) {
    const l = await r.line(step);
    lines.push(l);
    if (!/^\d{3}[ -]/.test(l) && !/^\d{3}$/.test(l)) return { code: 0, lines };
    if (l[3] !== '-') return { code: Number(l.slice(0, 3)), lines };
    if (lines.length > 100) throw new ProbeStop('too-long');
  }
}

// An IMAP tagged response (RFC 9051 §7): untagged lines, then the tagged one.
async function imapTagged(r, tag, step) {
  const lines = [];
  for (;;) {
    const l = await r.line(step);
    lines.push(l);
    if (l.startsWith(`${tag} `)) return { status: l.slice(tag.length + 1).split(' ')[0].toUpperCase(), lines };
    if (lines.length > 100) throw new ProbeStop('too-long');
  }
}

// A POP3 multi-line response (RFC 1939 §3, RFC 2449 CAPA): +OK, lines, ".".
async function pop3Multi(r, step) {
  const first = await r.line(step);
  if (!first.startsWith('+OK')) return { ok: false, lines: [first] };
  const lines = [first];
  for (;;) {
    const l = await r.line(step);
    if (l === '.') return { ok: true, lines };
    lines.push(l);
    if (lines.length > 100) throw new ProbeStop('too-long');
  }
}

// The plain-text part of one protocol, up to the point where TLS starts (or
// would). Returns {greeting, starttls: 'accepted'}; throws ProbeStop otherwise.
async function beforeTls(protocol, r) {
  if (protocol === 'smtp') {
    const g = await smtpReply(r, 'greeting');
    const greeting = clip(g.lines[0] ?? '');
    if (g.code !== 220) throw new ProbeStop(g.code ? 'refused-greeting' : 'bad-greeting', { greeting });
    r.send(`EHLO ${HELO_NAME}\r\n`);
    const e = await smtpReply(r, 'EHLO');
    const offered = e.code === 250 && e.lines.some((l) => /^250[ -]STARTTLS\s*$/i.test(l));
    if (!offered) {
      r.send('QUIT\r\n');
      throw new ProbeStop('no-starttls', { greeting });
    }
    r.send('STARTTLS\r\n');
    const s = await smtpReply(r, 'STARTTLS');
    if (s.code !== 220) {
      r.send('QUIT\r\n');
      throw new ProbeStop('starttls-refused', { greeting, text: clip(s.lines.at(-1) ?? '') });
    }
    return { greeting };
  }
  if (protocol === 'imap') {
    const greeting = clip(await r.line('greeting'));
    if (/^\* BYE\b/i.test(greeting)) throw new ProbeStop('refused-greeting', { greeting });
    if (!/^\* (OK|PREAUTH)\b/i.test(greeting)) throw new ProbeStop('bad-greeting', { greeting });
    r.send('a1 CAPABILITY\r\n');
    const c = await imapTagged(r, 'a1', 'CAPABILITY');
    const caps = c.lines.filter((l) => /^\* CAPABILITY /i.test(l)).join(' ');
    if (c.status !== 'OK' || !/\sSTARTTLS(\s|$)/i.test(caps)) {
      r.send('a3 LOGOUT\r\n');
      throw new ProbeStop('no-starttls', { greeting });
    }
    r.send('a2 STARTTLS\r\n');
    const s = await imapTagged(r, 'a2', 'STARTTLS');
    if (s.status !== 'OK') {
      r.send('a3 LOGOUT\r\n');
      throw new ProbeStop('starttls-refused', { greeting, text: clip(s.lines.at(-1) ?? '') });
    }
    return { greeting };
  }
  const greeting = clip(await r.line('greeting'));
  if (/^-ERR\b/.test(greeting)) throw new ProbeStop('refused-greeting', { greeting });
  if (!/^\+OK\b/.test(greeting)) throw new ProbeStop('bad-greeting', { greeting });
  r.send('CAPA\r\n');
  const c = await pop3Multi(r, 'CAPA');
  if (!c.ok || !c.lines.slice(1).some((l) => /^STLS\s*$/i.test(l))) {
    r.send('QUIT\r\n');
    throw new ProbeStop('no-starttls', { greeting });
  }
  r.send('STLS\r\n');
  const s = await r.line('STLS');
  if (!/^\+OK\b/.test(s)) {
    r.send('QUIT\r\n');
    throw new ProbeStop('starttls-refused', { greeting, text: clip(s) });
  }
  return { greeting };
}

// After an implicit-TLS handshake: the greeting, then goodbye.
async function greetingInTls(protocol, r) {
  const first = clip(await r.line('greeting'));
  if (protocol === 'smtp') {
    let l = first;
    while (/^\d{3}-/.test(l)) l = await r.line('greeting');
    if (!/^220[ -]?/.test(first)) return { greeting: first, ok: false };
    r.send('QUIT\r\n');
    return { greeting: first, ok: true };
  }
  if (protocol === 'imap') {
    r.send('a3 LOGOUT\r\n');
    return { greeting: first, ok: /^\* (OK|PREAUTH)\b/i.test(first) };
  }
  r.send('QUIT\r\n');
  return { greeting: first, ok: /^\+OK\b/.test(first) };
}

function connectTcp(address, port, timeout) {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect({ host: address, port, family: isIP(address) });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new ProbeStop('no-connection', { reason: 'timeout' }));
    }, timeout);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (e) => {
      clearTimeout(timer);
      const reason = { ECONNREFUSED: 'refused', ETIMEDOUT: 'timeout', ENETUNREACH: 'unreachable', EHOSTUNREACH: 'unreachable', EADDRNOTAVAIL: 'unreachable', ECONNRESET: 'reset' }[e.code] ?? 'error';
      reject(new ProbeStop('no-connection', { reason, detail: e.code ?? e.message }));
    });
  });
}

function handshake(options, timeout) {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ ...options, rejectUnauthorized: false });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new ProbeStop('timeout', { step: 'TLS' }));
    }, timeout);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (e) => {
      clearTimeout(timer);
      reject(new ProbeStop('tls-failed', { detail: e.code ?? e.message }));
    });
  });
}

// What the TLS session shows: protocol, certificate names and dates, coverage, trust.
function tlsFacts(socket, host) {
  const cert = socket.getPeerCertificate() ?? {};
  const { san, cn, identifiers } = certificateNames(cert);
  const iso = (d) => (d && !Number.isNaN(Date.parse(d)) ? new Date(d).toISOString() : null);
  const code = String(socket.authorizationError?.code ?? socket.authorizationError ?? 'unknown');
  return {
    protocol: socket.getProtocol() ?? null,
    cert: { subject_cn: cn, san, issuer_cn: cert.issuer?.CN ?? null, valid_from: iso(cert.valid_from), valid_to: iso(cert.valid_to) },
    covers: certificateCovers(host, identifiers),
    // Node also reports a certificate for another name as not authorised; whether it
    // covers the name is `covers`, so only a chain that does not verify counts here.
    trusted: socket.authorized === true || code === 'ERR_TLS_CERT_ALTNAME_INVALID',
    trust_error: socket.authorized || code === 'ERR_TLS_CERT_ALTNAME_INVALID' ? null : code,
  };
}

/**
 * One probe: `target` from probeTargets. Never throws; the result says what happened.
 * @returns {Promise<object>} {name, port, service, address, provider, outcome, reason?,
 *   step?, detail?, greeting, starttls, tls, ms, ok}; ok: TLS with a certificate that
 *   covers the name and chains to a trusted root; outcome: `tls` (TLS up and its
 *   certificate read), `no-connection` (reason: timeout, refused, unreachable, reset,
 *   error), `no-greeting`, `closed`, `bad-greeting`, `refused-greeting`,
 *   `no-starttls`, `starttls-refused`, `tls-failed`, `timeout` (step: after what),
 *   `too-long`
 */
export async function probeOne(target, { timeout = PROBE_TIMEOUT_MS } = {}) {
  const spec = PROBE_PORTS[target.port];
  const started = Date.now();
  const deadline = started + CONNECTION_STEPS * timeout;
  const result = { name: target.name, port: target.port, service: spec.service, address: target.address, provider: target.provider ?? null, outcome: null, greeting: null, starttls: spec.implicit ? null : false, tls: null };
  let socket = null;
  let secure = null;
  try {
    socket = await connectTcp(target.address, target.port, timeout);
    const tlsOptions = { servername: target.name };
    if (spec.implicit) {
      secure = await handshake({ socket, ...tlsOptions }, timeout);
      result.tls = tlsFacts(secure, target.name);
      const r = new LineReader(secure, timeout, deadline);
      try {
        const g = await greetingInTls(spec.protocol, r);
        result.greeting = g.greeting;
        result.outcome = g.ok ? 'tls' : 'bad-greeting';
      } catch (e) {
        if (!(e instanceof ProbeStop)) throw e;
        // TLS is up and the certificate read: say what the greeting did.
        result.outcome = e.outcome;
        Object.assign(result, e.extra);
      }
    } else {
      const r = new LineReader(socket, timeout, deadline);
      const { greeting } = await beforeTls(spec.protocol, r);
      result.greeting = greeting;
      // Anything sent after the STARTTLS reply and before TLS is dropped (RFC 3207 §4.2, RFC 2595 §3.1).
      socket.removeAllListeners('data');
      socket.removeAllListeners('end');
      socket.removeAllListeners('close');
      socket.removeAllListeners('error');
      socket.on('error', () => {});
      secure = await handshake({ socket, ...tlsOptions }, timeout);
      result.starttls = true;
      result.tls = tlsFacts(secure, target.name);
      // After TLS: goodbye, without waiting for the answer.
      secure.write(spec.protocol === 'imap' ? 'a3 LOGOUT\r\n' : 'QUIT\r\n');
      result.outcome = 'tls';
    }
  } catch (e) {
    if (!(e instanceof ProbeStop)) {
      result.outcome = 'error';
      result.detail = String(e?.code ?? e?.message ?? e);
    } else {
      result.outcome = e.outcome;
      for (const [k, v] of Object.entries(e.extra)) if (v !== undefined) result[k] = v;
      if (e.outcome === 'starttls-refused' || e.outcome === 'no-starttls') result.starttls = false;
    }
  } finally {
    result.ms = Date.now() - started;
    // What a mail app needs: TLS with a certificate for the name that chains to a trusted root.
    result.ok = result.outcome === 'tls' && result.tls?.covers === true && result.tls?.trusted === true;
    // Let a goodbye go out, then close.
    for (const s of [secure, socket]) {
      if (!s) continue;
      s.on('error', () => {});
      s.end();
      setTimeout(() => s.destroy(), 200).unref();
    }
  }
  return result;
}

/**
 * Probes every target of the report, PROBE_CONCURRENCY at a time.
 * @returns {Promise<{timeout_ms, concurrency, results: object[], truncated: boolean}>}
 *   results in the order of probeTargets (name, port, address)
 */
export async function runProbe(report, { timeout = PROBE_TIMEOUT_MS, concurrency = PROBE_CONCURRENCY } = {}) {
  const targets = probeTargets(report);
  const results = new Array(targets.length);
  let next = 0;
  const worker = async () => {
    while (next < targets.length) {
      const i = next++;
      results[i] = await probeOne(targets[i], { timeout });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, targets.length) }, worker));
  return { timeout_ms: timeout, concurrency, truncated: targets.length >= MAX_PROBES, results };
}

/**
 * The probe's results as evidence of the findings about their names: one step
 * per finding, name and port, the addresses that gave the same answer together
 * (`{code: 'probe', params}`, params strings as every evidence step's).
 * Changes `report` in place: report.probe, and the findings' evidence.
 */
export function feedProbe(report, probe) {
  report.probe = probe;
  const groups = new Map(); // name -> port -> key -> params
  for (const r of probe.results) {
    const params = probeStepParams(r, probe.timeout_ms);
    const key = JSON.stringify({ ...params, address: '', provider: '' });
    if (!groups.has(r.name)) groups.set(r.name, new Map());
    const byPort = groups.get(r.name);
    if (!byPort.has(r.port)) byPort.set(r.port, new Map());
    const same = byPort.get(r.port);
    if (same.has(key)) {
      const g = same.get(key);
      g.address += `, ${r.address}`;
      if (r.provider && !g.providers.includes(r.provider)) g.providers.push(r.provider);
    } else same.set(key, { ...params, providers: r.provider ? [r.provider] : [] });
  }
  for (const f of report.findings ?? []) {
    const subject = String(f.names?.[0] ?? '').replace(/\.$/, '');
    const byPort = groups.get(subject);
    if (!byPort) continue;
    const steps = [];
    for (const same of byPort.values()) {
      for (const g of same.values()) {
        const { providers, ...params } = g;
        // Several providers at one name are not merged into one word: the first stands, as the hops say.
        steps.push({ code: 'probe', params: { ...params, provider: providers[0] ?? '' } });
      }
    }
    // Before a closing no-edit step, which says what to do instead.
    const at = f.evidence?.findIndex((s) => s.code === 'no-edit') ?? -1;
    f.evidence = f.evidence ?? [];
    if (at >= 0) f.evidence.splice(at, 0, ...steps);
    else f.evidence.push(...steps);
  }
  return report;
}
