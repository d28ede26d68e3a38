// The batch's speed: `mxray check --zone-dir` over N copies of the bundled
// cPanel-size example, each under its own name, timed as the whole command
// (Node's start, the workers' wasm, every zone, the output).
//
//   node tests/bench/batch.mjs [--zones N] [--runs K] [--format text|jsonl] [--cli PATH]
//
// Prints zones a second (the median of K runs) and its ratio to the target,
// 5,000 a second on two cores, and to the 900 a second the batch made before
// it took the lean path (a report and the fix built for every zone). Figures
// only: the machine is shared, so this is no timed test.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const TARGET = 5000; // zones a second, two cores
const BEFORE = 900; // zones a second with a report and the fix per zone

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const option = (flag, fallback) => {
  const i = args.indexOf(flag);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const zones = Number(option('--zones', '3000'));
const runs = Number(option('--runs', '3'));
const format = option('--format', 'jsonl');
const cli = option('--cli', join(root, 'www', 'cli', 'mxray.mjs'));
if (!Number.isInteger(zones) || zones < 1 || !Number.isInteger(runs) || runs < 1) {
  process.stderr.write('batch.mjs: --zones and --runs take whole numbers above 0\n');
  process.exit(2);
}

// build/bench/zones holds exactly `zones` copies, club.example renamed to
// club-00001.example and on; kept while the count and the example stand.
function makeZones() {
  const dir = join(root, 'build', 'bench', 'zones');
  const example = readFileSync(join(root, 'examples', 'club-cloudflare-export.txt'), 'utf8');
  const stamp = join(dir, '.made');
  const want = `${zones}\n${example.length}\n`;
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (let i = 1; i <= zones; i++) {
    const name = `club-${String(i).padStart(5, '0')}.example`;
    writeFileSync(join(dir, `${name}.txt`), example.replaceAll('club.example', name));
  }
  writeFileSync(stamp, want);
  return dir;
}

const dir = makeZones();
const files = readdirSync(dir).filter((f) => !f.startsWith('.')).length;
const GNU_TIME = '/usr/bin/time';
const cpuFile = join(root, 'build', 'bench', 'batch-cpu.txt');
const times = [];
const cpu = [];
let lines = 0;
for (let run = 0; run < runs; run++) {
  const t0 = process.hrtime.bigint();
  // Node reads NODE_EXTRA_CA_CERTS at start-up; an offline batch uses no TLS.
  const env = { ...process.env };
  delete env.NODE_EXTRA_CA_CERTS;
  // GNU time gives the CPU time too: on a shared machine, zones per CPU second
  // times two cores is what two idle cores would do.
  const command = [process.execPath, cli, 'check', '--zone-dir', dir, '--format', format];
  const timed = existsSync(GNU_TIME) ? [GNU_TIME, '-f', '%U %S', '-o', cpuFile, ...command] : command;
  const r = spawnSync(timed[0], timed.slice(1), { env, maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (existsSync(GNU_TIME)) {
    const [user, sys] = readFileSync(cpuFile, 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
    cpu.push(user + sys);
  }
  // 1 and 3 say what was found (some zone failing, or could not tell); 2 is an error.
  if (r.status === null || r.status === 2 || r.status > 3) {
    process.stderr.write(`batch.mjs: the batch failed (exit ${r.status}):\n${r.stderr}`);
    process.exit(1);
  }
  lines = r.stdout.toString().split('\n').filter(Boolean).length;
  times.push(ms);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
const rate = files / (median / 1000);
const model = execFileSync('sh', ['-c', "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-"]).toString().trim();
console.log(`## Batch: mxray check --zone-dir (${format})`);
console.log('');
console.log(`${files} zones (examples/club-cloudflare-export.txt, renamed), ${availableParallelism()} cores (${model}), ${runs} runs`);
console.log(`output lines: ${lines}; wall time, median: ${median.toFixed(0)} ms (runs: ${times.map((t) => t.toFixed(0)).join(', ')})`);
console.log(`zones/s: ${rate.toFixed(0)}; ${(rate / TARGET).toFixed(2)}x the ${TARGET}/s target; ${(rate / BEFORE).toFixed(2)}x the ${BEFORE}/s of before`);
if (cpu.length) {
  cpu.sort((a, b) => a - b);
  const busy = cpu[Math.floor(cpu.length / 2)];
  const idle = (files / busy) * 2;
  console.log(`CPU time, median: ${busy.toFixed(2)} s (user + system); on two idle cores: ${idle.toFixed(0)} zones/s, ${(idle / TARGET).toFixed(2)}x the target`);
}
