#!/usr/bin/env node
// The Session's round trips and speed on every recorded scenario
// (tests/scenarios/*/answers.json, replayed through the wasm core): rounds
// taken against the scenario's dependency depth (a round more is a wasted
// round trip to the resolver), questions asked, and the core's time per
// session with the network taken out.
//   node tests/bench/session-rounds.mjs [--runs K]
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadCore } from '../../www/lib/core-node.js';
import { createSession } from '../../www/lib/session.js';
import { replay } from '../scenarios/lib/replay.mjs';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 200;
const root = fileURLToPath(new URL('../scenarios/', import.meta.url));
const core = await loadCore();

const rows = [];
let wasted = 0;
for (const name of readdirSync(root).sort()) {
  const dir = `${root}${name}/`;
  if (!existsSync(`${dir}scenario.json`) || !existsSync(`${dir}answers.json`)) continue;
  const scenario = JSON.parse(readFileSync(`${dir}scenario.json`, 'utf8'));
  const recording = JSON.parse(readFileSync(`${dir}answers.json`, 'utf8'));
  let result;
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    const session = createSession(core, { domain: scenario.domain, options: scenario.options ?? {} });
    result = replay(session, recording);
    session.facts();
    session.dispose();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  const ok = result.rounds === scenario.depth && result.missing.length === 0;
  if (!ok) wasted++;
  rows.push([name, result.rounds, scenario.depth, result.questions, result.missing.length, times[times.length >> 1].toFixed(2), ok ? 'yes' : 'NO']);
}

const header = ['scenario', 'rounds', 'depth', 'questions', 'unrecorded', 'ms/session (median)', 'rounds = depth'];
process.stdout.write(`\n## Session round trips (recorded answers replayed, ${RUNS} runs each)\n\n`);
process.stdout.write(`| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|\n`);
for (const r of rows) process.stdout.write(`| ${r.join(' | ')} |\n`);
process.exitCode = wasted ? 1 : 0;
