// Starting and stopping the real daemons of the test harnesses (nsd, Unbound and
// dnsdist in tests/resolver/resolver.mjs; Postfix and Dovecot in
// tests/mailserver/mailserver.mjs). Each daemon runs under
// tests/resolver/tether.sh, in its own process group: if Node dies, even by
// SIGKILL, the daemon goes with it. Daemons still running and temp dirs still
// present when the process exits without stop() are killed and removed here.
//
//   const dir = ownTempDir('mxray-x-');
//   const child = launch('nsd', ['-d', '-c', conf], join(dir, 'nsd.out'));
//   await halt(child);
//   removeTempDir(dir);
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const TETHER = join(dirname(fileURLToPath(import.meta.url)), '../resolver/tether.sh');

const live = new Set();
const tempDirs = new Set();
process.on('exit', () => {
  for (const child of live) killGroup(child, 'SIGKILL');
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal); // detached: the wrapper leads its own process group
  } catch {
    // already gone
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A fresh temp dir (prefix `prefix`), removed at exit unless removeTempDir() took it first. */
export function ownTempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

/** Adds a dir made elsewhere to those removed at exit. */
export function trackTempDir(dir) {
  tempDirs.add(dir);
}

export function removeTempDir(dir) {
  rmSync(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

/** Starts `command` under tether.sh with its output in `log`; `exited` resolves to {code, signal}. */
export function launch(command, args, log) {
  const fd = openSync(log, 'a');
  const child = spawn('sh', [TETHER, command, ...args], { detached: true, stdio: ['pipe', fd, fd] });
  closeSync(fd);
  child.exited = new Promise((ok) => child.once('exit', (code, signal) => ok({ code, signal })));
  child.on('error', () => {}); // 'sh' always exists; a missing daemon shows as exit 127
  live.add(child);
  // Neither the daemon nor its stdin pipe keeps Node alive: a test file that
  // forgets stop() still exits, and the 'exit' hook kills the daemons.
  child.unref();
  child.stdin.unref?.();
  return child;
}

/** Whether `child` (from launch) has exited. */
export const gone = (child) => child.exitCode !== null || child.signalCode !== null;

/** SIGTERM to the daemon's group, SIGKILL after `graceMs`; no member of the group is left. */
export async function halt(child, graceMs) {
  if (!gone(child)) {
    killGroup(child, 'SIGTERM');
    let timer;
    const late = new Promise((ok) => (timer = setTimeout(ok, graceMs, 'late')));
    const first = await Promise.race([child.exited, late]);
    clearTimeout(timer); // a pending grace timer would keep Node alive
    if (first === 'late') {
      killGroup(child, 'SIGKILL');
      await child.exited;
    }
  }
  // The wrapper is gone; make sure no member of its group (nsd's workers) is left.
  killGroup(child, 'SIGKILL');
  child.stdin.destroy();
  live.delete(child);
}

/** The last `max` characters of a log, for an error message ('' when there is none). */
export function tail(path, max) {
  try {
    const text = readFileSync(path, 'utf8');
    return text.length > max ? '…' + text.slice(-max) : text;
  } catch {
    return '';
  }
}

/** `--- name ---` and the tail of each log, for an error message. */
export function logReport(logs, max) {
  return Object.entries(logs)
    .map(([name, p]) => `--- ${name} ---\n${tail(p, max).trimEnd() || '(empty)'}`)
    .join('\n');
}
