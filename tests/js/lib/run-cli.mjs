// `mxray` as a child process, asynchronously (tests whose nsd and dnsdist live in the
// test's own event loop cannot block on spawnSync): {status, stdout, stderr}. Run from
// the repository root, in English unless `env` says otherwise.
import { spawn } from 'node:child_process';

export const runCli = (args, env = {}) =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, ['www/cli/mxray.mjs', ...args], {
      env: { ...process.env, LANG: 'C', LC_ALL: '', LC_MESSAGES: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
