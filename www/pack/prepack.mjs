// `npm pack` and `npm publish` run this first (package.json "prepack"): the
// package carries the built wasm core (www/lib/wasm/, which git ignores), so
// packing without it would give a CLI that cannot start. It checks that both
// files are there, that the .wasm is a WebAssembly module, and that the CLI
// runs with them on the bundled example; it stops the pack with a clear
// message when any of that fails.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const WASM_MAGIC = Buffer.from([0x00, 0x61, 0x73, 0x6d]); // "\0asm"
const EXAMPLE = 'examples/club-cloudflare-export.txt';

/** Why the package cannot be packed, or null when it can. */
export function packProblem(dir = root) {
  for (const file of ['www/lib/wasm/mxray-core.js', 'www/lib/wasm/mxray-core.wasm']) {
    let size;
    try {
      size = statSync(dir + file).size;
    } catch {
      return `${file} is missing: the wasm core is not built; run \`make wasm\` first`;
    }
    if (size === 0) return `${file} is empty: build the wasm core again (\`make wasm\`)`;
  }
  const head = readFileSync(dir + 'www/lib/wasm/mxray-core.wasm').subarray(0, 4);
  if (!head.equals(WASM_MAGIC)) return 'www/lib/wasm/mxray-core.wasm is not a WebAssembly module: build the wasm core again (`make wasm`)';
  // The example's mail name leads to the proxy: a working core finds it (exit 1) and prints the plan.
  const run = spawnSync(process.execPath, ['www/cli/mxray.mjs', 'check', '--zone', EXAMPLE, '--format', 'plan'], { cwd: dir, encoding: 'utf8' });
  if (run.status !== 1 || !run.stdout.includes('CREATE')) {
    const said = (run.stderr || run.stdout || String(run.error ?? '')).trim().split('\n')[0];
    return `the CLI did not check ${EXAMPLE} with the built core (exit ${run.status}${said ? `: ${said}` : ''})`;
  }
  return null;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const problem = packProblem();
  if (problem) {
    console.error(`prepack: cannot pack mxray: ${problem}`);
    process.exit(1);
  }
}
