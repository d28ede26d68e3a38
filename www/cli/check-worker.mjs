// One worker of `mxray check --zone-dir`: loads the wasm core once, then
// checks the zone files the main thread hands it, one at a time.
import { parentPort, workerData } from 'node:worker_threads';
import { loadCore } from '../lib/core-node.js';
import { analyse, errorText, zoneResult } from './check.mjs';

const job = workerData;
const core = await loadCore();

parentPort.on('message', async (m) => {
  if (m === null) {
    parentPort.close();
    return;
  }
  let result;
  try {
    const { report, diagnostics } = await analyse(core, { ...job, zones: [m.file], byName: true });
    result = { ...zoneResult(m.file, report), diagnostics };
  } catch (e) {
    result = zoneResult(m.file, null, errorText(e, job.lang));
  }
  parentPort.postMessage({ index: m.index, result });
});
parentPort.postMessage({ ready: true });
