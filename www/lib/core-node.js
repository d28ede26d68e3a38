// Loads the wasm core under Node. Emscripten 3.1.6 would fetch() the .wasm
// by file path under Node 20 and fail, so the bytes are handed over directly
// (docs/sources.md#emscripten-node-fetch).
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));

export const coreFiles = {
  js: here('./wasm/mxray-core.js'),
  wasm: here('./wasm/mxray-core.wasm'),
};

export async function loadCore() {
  if (!existsSync(coreFiles.js) || !existsSync(coreFiles.wasm)) {
    const err = new Error(
      `the wasm core is not built (${coreFiles.js}); run \`make build\` first`,
    );
    err.code = 'MXRAY_NOT_BUILT';
    err.file = coreFiles.js;
    throw err;
  }
  const { default: createMxrayCore } = await import(coreFiles.js);
  return createMxrayCore({ wasmBinary: readFileSync(coreFiles.wasm) });
}
