// The zone-as-code hook for the website's worker, a module of its own that the worker
// loads only when a chosen file is an octoDNS YAML, a Terraform .tf or a `terraform show
// -json` (worker.js): www/lib/as-code/index.js with its YAML parser, and HashiCorp's HCL
// parser, hcl2json (the npm package @cdktf/hcl2json: Go compiled to wasm, with Go's
// runtime wasm_exec.js), whose wasm (hcl2json.wasm.gz, next to this module) is fetched
// and inflated only when a .tf is read. All of it comes from node_modules at build time
// (www/site/build.mjs).
import '@cdktf/hcl2json/wasm/wasm_exec.js';
import * as asCode from '../lib/as-code/index.js';

export { asCode };

let parser = null;

// Go's program registers its functions on this object (hcl2json's bridge does the same).
async function startParser(url) {
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new Error(`${url}: ${response.status}`);
  const bytes = await new Response(response.body.pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
  const go = new globalThis.Go();
  const root = {};
  // The Go program looks its object up on Node's `global`, which a browser does not have.
  globalThis.global ??= globalThis;
  globalThis.__parse_terraform_config_wasm__ = root;
  const { instance } = await WebAssembly.instantiate(bytes, go.importObject);
  go.run(instance);
  for (let i = 0; typeof root.parse !== 'function'; i++) {
    if (i > 1000) throw new Error('hcl2json did not start');
    await new Promise((r) => setTimeout(r, 0));
  }
  return (file, text) => new Promise((resolve, reject) => root.parse(file, text, (err, out) => (err ? reject(new Error(err)) : resolve(JSON.parse(out)))));
}

/** hcl2json's parse(file, text): the .tf as JSON (www/lib/as-code/terraform.js). */
export async function parseHcl(file, text) {
  parser ??= startParser(new URL('hcl2json.wasm.gz', import.meta.url).href);
  parser.catch(() => (parser = null));
  return (await parser)(file, text);
}
