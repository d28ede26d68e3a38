// The wasm build under Node, fed the way the CLI feeds it (1 MiB chunks,
// every record kept). Prints what parse_bench.cpp prints, for run.sh.
import { openSync, readSync, closeSync } from 'node:fs';
import { loadCore } from '../../www/lib/core-node.js';
import { feedFromFd } from '../../www/lib/zone-input.js';

const [file, origin = ''] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node tests/bench/parse-wasm.mjs FILE [ORIGIN]\n');
  process.exit(2);
}
const core = await loadCore();
const reader = new core.ZoneReader(file, JSON.stringify({ origin }), null);
const fd = openSync(file, 'r');
feedFromFd(core, reader, fd, readSync);
closeSync(fd);
reader.finish();
const summary = JSON.parse(reader.summaryJson());
process.stdout.write(`records=${reader.recordCount()} errors=${summary.errors} memory=${core.HEAPU8.length}\n`);
process.exitCode = summary.errors ? 1 : 0;

