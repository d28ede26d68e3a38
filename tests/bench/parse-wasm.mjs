// The wasm build under Node, fed the way the CLI feeds it (1 MiB chunks,
// every record kept). Prints what parse_bench.cpp prints, for run.sh.
// MXRAY_WASM_DIR names another build's output folder (mxray-core.js and
// .wasm) to benchmark instead of www/lib/wasm/.
import { openSync, readSync, closeSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadCore } from '../../www/lib/core-node.js';
import { feedFromFd } from '../../www/lib/zone-input.js';

const [file, origin = ''] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node tests/bench/parse-wasm.mjs FILE [ORIGIN]\n');
  process.exit(2);
}
async function loadOtherCore(dir) {
  const { default: create } = await import(pathToFileURL(resolve(dir, 'mxray-core.js')).href);
  return create({ wasmBinary: readFileSync(join(dir, 'mxray-core.wasm')) });
}
const core = process.env.MXRAY_WASM_DIR ? await loadOtherCore(process.env.MXRAY_WASM_DIR) : await loadCore();
// parse_ns: from creating the reader to finish(), reading included, as the
// native driver measures it; start-up, loading the module and exit excluded.
const start = process.hrtime.bigint();
const reader = new core.ZoneReader(file, JSON.stringify({ origin }), null);
const fd = openSync(file, 'r');
feedFromFd(core, reader, fd, readSync);
closeSync(fd);
reader.finish();
const parseNs = process.hrtime.bigint() - start;
const summary = JSON.parse(reader.summaryJson());
process.stdout.write(`records=${reader.recordCount()} errors=${summary.errors} memory=${core.HEAPU8.length} parse_ns=${parseNs}\n`);
process.exitCode = summary.errors ? 1 : 0;

