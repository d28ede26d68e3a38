// Real Postfix and Dovecot from Debian on a loopback address, for the probe's
// tests (tests/js/probe.test.mjs): Postfix on 25 (STARTTLS), 587 (STARTTLS)
// and 465 (implicit TLS), Dovecot on 143 (STARTTLS), 993, 110 (STLS) and 995,
// both with one certificate for the names given, signed by a test CA made for
// the run. Each start gets its own temp dir with private configs and logs, and
// its own address in 127.0.0.0/8 (Linux answers the whole block on lo), so
// runs in parallel never share a port. Binding ports below 1024 needs root
// (`make test` runs as root), and no daemon of the machine may listen on a
// mail port on every address (Debian starts Postfix and Dovecot on install
// where services may start; a container's policy-rc.d keeps them off).
//
//   const m = await startMailServers({ names: ['mail.club.example'] });
//   // m.address = '127.x.y.z'; every mail port answers there
//   await m.stop();
//
// Each daemon runs under tests/resolver/tether.sh (tests/lib/daemon.mjs): if
// Node dies, even by SIGKILL, they go with it.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gone, halt, launch, logReport, ownTempDir, removeTempDir, sleep } from '../lib/daemon.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const POSTFIX_FG = join(here, 'postfix-fg.sh');

/** The length of the greeting at the long-greeting address. */
export const LONG_GREETING = 3000;

/** The ports the servers listen on. */
export const MAIL_PORTS = [25, 465, 587, 143, 993, 110, 995];

// Why `port` at `address` cannot be bound, or null: a daemon of the machine's own
// listening there on every address (a system Postfix or Dovecot) takes it from all.
function bindProblem(address, port) {
  return new Promise((ok) => {
    const server = createServer();
    server.once('error', (e) => ok(e.code ?? e.message));
    server.listen(port, address, () => server.close(() => ok(null)));
  });
}

// Whether `port` at `address` accepts a TCP connection now.
function accepts(address, port) {
  return new Promise((ok) => {
    const s = connect({ host: address, port });
    const done = (v) => {
      s.destroy();
      ok(v);
    };
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
    s.setTimeout(500, () => done(false));
  });
}

/** A fresh address in 127.0.0.0/8, other than 127.0.0.1. */
export function loopbackAddress() {
  const n = () => 1 + Math.floor(Math.random() * 254);
  return `127.${n()}.${n()}.${n()}`;
}

/**
 * A test CA and a certificate it signs for `names` (EC P-256), in `dir`:
 * {ca, cert, key}. A client trusts the certificate only when it is told to
 * trust `ca` (Node: NODE_EXTRA_CA_CERTS at start); otherwise the chain ends in
 * an unknown issuer.
 */
export function makeCertificate(dir, names) {
  const ca = join(dir, 'ca.pem');
  const caKey = join(dir, 'ca-key.pem');
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  const csr = join(dir, 'cert.csr');
  const ext = join(dir, 'cert.ext');
  writeFileSync(ext, `subjectAltName=${names.map((n) => `DNS:${n}`).join(',')}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  const steps = [
    ['req', '-x509', ...ec, '-days', '30', '-keyout', caKey, '-out', ca, '-subj', '/CN=mxray test mail CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'],
    ['req', ...ec, '-keyout', key, '-out', csr, '-subj', `/CN=${names[0]}`],
    ['x509', '-req', '-in', csr, '-CA', ca, '-CAkey', caKey, '-CAcreateserial', '-days', '30', '-out', cert, '-extfile', ext],
  ];
  for (const args of steps) {
    const r = spawnSync('openssl', args, { encoding: 'utf8', cwd: dir });
    if (r.status !== 0) throw new Error(`makeCertificate: openssl ${args[0]} failed: ${r.stderr}`);
  }
  chmodSync(key, 0o644); // read by Dovecot's config process and Postfix's smtpd
  return { ca, cert, key };
}

export function postfixFiles(dir, address, tls) {
  const main = [
    'compatibility_level = 3.6',
    `queue_directory = ${dir}/postfix/queue`,
    `data_directory = ${dir}/postfix/data`,
    'maillog_file = /dev/stdout', // postfix.out, through postlogd
    'myhostname = mail.club.example',
    'mydestination =',
    'inet_protocols = ipv4',
    // master.cf binds each service to `address` itself; Postfix wants an interface it can see here.
    'inet_interfaces = loopback-only',
    `smtpd_tls_cert_file = ${tls.cert}`,
    `smtpd_tls_key_file = ${tls.key}`,
    'smtpd_tls_security_level = may',
    // Accept nothing: the probe sends no mail, and no test should relay any.
    'smtpd_relay_restrictions = reject',
    'smtpd_recipient_restrictions = reject',
    'alias_maps =',
    'alias_database =',
    '',
  ].join('\n');
  const service = (name, type, priv, chroot, wakeup, limit, command) => `${name} ${type} ${priv} - ${chroot} ${wakeup} ${limit} ${command}`;
  const master = [
    service(`${address}:smtp`, 'inet', 'n', 'n', '-', '-', 'smtpd'),
    service(`${address}:submission`, 'inet', 'n', 'n', '-', '-', 'smtpd'),
    service(`${address}:submissions`, 'inet', 'n', 'n', '-', '-', 'smtpd -o smtpd_tls_wrappermode=yes'),
    service('cleanup', 'unix', 'n', 'n', '-', '0', 'cleanup'),
    service('qmgr', 'unix', 'n', 'n', '300', '1', 'qmgr'),
    service('tlsmgr', 'unix', '-', 'n', '1000?', '1', 'tlsmgr'),
    service('rewrite', 'unix', '-', 'n', '-', '-', 'trivial-rewrite'),
    service('bounce', 'unix', '-', 'n', '-', '0', 'bounce'),
    service('defer', 'unix', '-', 'n', '-', '0', 'bounce'),
    service('trace', 'unix', '-', 'n', '-', '0', 'bounce'),
    service('verify', 'unix', '-', 'n', '-', '1', 'verify'),
    service('flush', 'unix', 'n', 'n', '1000?', '0', 'flush'),
    service('proxymap', 'unix', '-', 'n', '-', '-', 'proxymap'),
    service('smtp', 'unix', '-', 'n', '-', '-', 'smtp'),
    service('showq', 'unix', 'n', 'n', '-', '-', 'showq'),
    service('error', 'unix', '-', 'n', '-', '-', 'error'),
    service('retry', 'unix', '-', 'n', '-', '-', 'error'),
    service('discard', 'unix', '-', 'n', '-', '-', 'discard'),
    service('anvil', 'unix', '-', 'n', '-', '1', 'anvil'),
    service('scache', 'unix', '-', 'n', '-', '1', 'scache'),
    service('postlog', 'unix-dgram', 'n', 'n', '-', '1', 'postlogd'),
    '',
  ].join('\n');
  return { main, master };
}

function dovecotConf(dir, address, tls, longAddress) {
  return [
    `base_dir = ${dir}/dovecot/run`,
    `state_dir = ${dir}/dovecot/state`,
    'log_path = /dev/stderr',
    'protocols = imap pop3',
    `listen = ${longAddress ? `${address}, ${longAddress}` : address}`,
    'ssl = yes',
    `ssl_cert = <${tls.cert}`,
    `ssl_key = <${tls.key}`,
    'disable_plaintext_auth = yes',
    'auth_mechanisms = plain',
    'default_login_user = dovenull',
    'default_internal_user = dovecot',
    // Dovecot wants a passdb and a userdb; no test logs in.
    'passdb {',
    '  driver = static',
    '  args = password=not-used-by-any-test',
    '}',
    'userdb {',
    '  driver = static',
    `  args = uid=dovecot gid=dovecot home=${dir}/dovecot/mail/%u`,
    '}',
    `mail_location = maildir:${dir}/dovecot/mail/%u`,
    // A server that talks too much: at the second address, a greeting longer than
    // any line the probe reads (www/cli/probe.mjs MAX_LINE).
    ...(longAddress ? [`local ${longAddress} {`, `  login_greeting = ${'x'.repeat(LONG_GREETING)}`, '}'] : []),
    '',
  ].join('\n');
}

/**
 * Starts Postfix and Dovecot on `address` (default: a fresh loopback address)
 * with a certificate for `names`; with `longGreeting`, Dovecot also listens at a
 * second fresh address, where its greeting is LONG_GREETING bytes long.
 * @returns {Promise<{address, longAddress, dir, ca, stop: () => Promise<void>}>} ca: the test
 *   CA's certificate (PEM file) that signed the servers' one; longAddress: null without longGreeting
 */
export async function startMailServers({ names = ['mail.club.example'], address = loopbackAddress(), longGreeting = false, timeoutMs = 15000 } = {}) {
  if (process.getuid?.() !== 0) throw new Error('startMailServers: binding the mail ports (25, 110, 143 …) needs root');
  let longAddress = null;
  if (longGreeting) do longAddress = loopbackAddress();
  while (longAddress === address);
  const dovecotPorts = [143, 993, 110, 995];
  const wanted = [...MAIL_PORTS.map((port) => [address, port]), ...(longAddress ? dovecotPorts.map((port) => [longAddress, port]) : [])];
  for (const [at, port] of wanted) {
    const problem = await bindProblem(at, port);
    if (problem) throw new Error(`startMailServers: cannot bind ${at}:${port} (${problem}); a mail server of this machine listening on every address takes the port (stop it: systemctl stop postfix dovecot)`);
  }
  const dir = ownTempDir('mxray-mail-');
  chmodSync(dir, 0o755); // Postfix's and Dovecot's own users walk into it
  for (const d of ['postfix/etc', 'postfix/queue', 'postfix/data', 'dovecot/run', 'dovecot/state', 'dovecot/mail']) mkdirSync(join(dir, d), { recursive: true, mode: 0o755 });
  spawnSync('chown', ['postfix', join(dir, 'postfix/data')]);
  const tls = makeCertificate(dir, names);
  const pf = postfixFiles(dir, address, tls);
  writeFileSync(join(dir, 'postfix/etc/main.cf'), pf.main);
  writeFileSync(join(dir, 'postfix/etc/master.cf'), pf.master);
  writeFileSync(join(dir, 'dovecot/dovecot.conf'), dovecotConf(dir, address, tls, longAddress));
  const logs = { postfix: join(dir, 'postfix.out'), dovecot: join(dir, 'dovecot.out') };
  const postfix = launch('sh', [POSTFIX_FG, join(dir, 'postfix/etc')], logs.postfix);
  const dovecot = launch('dovecot', ['-F', '-c', join(dir, 'dovecot/dovecot.conf')], logs.dovecot);
  let stopped = null;
  const stop = () =>
    (stopped ??= (async () => {
      await Promise.all([halt(postfix, 5000), halt(dovecot, 5000)]);
      removeTempDir(dir);
    })());
  const deadline = Date.now() + timeoutMs;
  let waiting = wanted;
  while (waiting.length && Date.now() < deadline) {
    if (gone(postfix) || gone(dovecot)) break;
    const open = await Promise.all(waiting.map(([at, p]) => accepts(at, p)));
    waiting = waiting.filter((_, i) => !open[i]);
    if (waiting.length) await sleep(50);
  }
  if (waiting.length) {
    const report = logReport(logs, 3000);
    await stop();
    throw new Error(`startMailServers: ${waiting.map(([at, p]) => `${at}:${p}`).join(', ')} did not open (is postfix or dovecot missing? make setup)\n${report}`);
  }
  return { address, longAddress, dir, ca: tls.ca, stop };
}
