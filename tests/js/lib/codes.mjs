// The core's code tables (rule catalogue, session codes, diagnostic codes,
// input kinds), printed by the native test tool build/native/tests/tools/mxray-codes
// (tests/tools/codes.cpp): the shipped wasm module carries no entry point that
// only tests use. `make test` builds it before the JS tests run.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const tool = fileURLToPath(new URL('../../../build/native/tests/tools/mxray-codes', import.meta.url));

function load() {
  if (!existsSync(tool)) throw new Error(`${tool} is missing: build the native preset first (make native)`);
  return JSON.parse(execFileSync(tool, { encoding: 'utf8' }));
}

/** {rules: {rules: [...], evidence, merge_reasons, skip_reasons, ...}, session: {purposes, reasons, budgets, errors}, diagnostics: [...], input_kinds: [...]} */
export const codes = load();
