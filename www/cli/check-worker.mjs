// One worker of `mxray check --zone-dir` (batch.mjs): loads the wasm core
// once, then checks the zone files the main thread hands it, a few at a
// time, on the lean path: the zone parsed, the session run (offline unless
// --live), the model and the rules, and only the summary read.
import { parentPort, workerData } from 'node:worker_threads';
import { coreFiles, loadCore } from '../lib/core-node.js';
import { runSession } from '../lib/doh-driver.js';
import { createSession } from '../lib/session.js';
import { formatDiagnostic } from '../lib/messages.js';
import { errorText, loadZone, zoneResult } from './check.mjs';

// The core instantiated from the module the main thread compiled (shared by
// every worker), or loaded afresh when there is none.
async function instantiate(wasm) {
  if (!wasm) return loadCore();
  const { default: createMxrayCore } = await import(coreFiles.js);
  return createMxrayCore({
    instantiateWasm(imports, receive) {
      const instance = new WebAssembly.Instance(wasm, imports);
      receive(instance, wasm);
      return instance.exports;
    },
  });
}

const { job, wasm } = workerData;
const core = await instantiate(wasm);

// One zone's batch line: {file, domain, summary, rules, error, diagnostics}.
async function checkZone(file) {
  let zone = null;
  let session = null;
  try {
    zone = loadZone(core, file, { byName: true });
    const diagnostics = [];
    if (zone.reader.diagnosticCount() > 0) {
      const { diagnostics: found, files } = JSON.parse(zone.reader.summaryJson());
      for (const d of found) diagnostics.push(formatDiagnostic(d, files, job.lang));
    }
    session = createSession(core, { domain: zone.domain, zones: [zone.reader], options: { live: job.live } });
    if (job.live) await runSession(session, { resolver: job.resolver.url, format: job.resolver.format, timeoutMs: job.timeout });
    const { domain, summary, rules } = session.analyse({ panel: job.panel, origin: job.origin }).summary();
    return { file, domain, summary, rules, error: null, diagnostics };
  } catch (e) {
    return zoneResult(file, null, errorText(e, job.lang));
  } finally {
    session?.dispose(); // and its analysis
    zone?.reader.delete();
  }
}

parentPort.on('message', async (m) => {
  if (m === null) {
    parentPort.close();
    return;
  }
  const results = [];
  for (const file of m.files) results.push(await checkZone(file));
  parentPort.postMessage({ first: m.first, results });
});
parentPort.postMessage({ ready: true });
