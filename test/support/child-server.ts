/**
 * The real server in a child process (the TypeScript sources run by Node through
 * `scripts/ts-hooks.mjs`, no build), so that a test can SIGKILL it like a crash would.
 */

import { type ChildProcess, spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../gallery/project-root.js';

// Under the sources (tests) or compiled in dist/ (`npm run bench`) alike.
const ROOT = projectRoot();

export interface ChildServer {
  url: string;
  process: ChildProcess;
  /** Everything the child wrote, for a failing test's message. */
  output(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Node arguments that run the sources; the benchmarks pass `['dist/main.js']` (built) instead. */
export const FROM_SOURCES = ['--no-warnings', '--import', './scripts/ts-hooks.mjs', 'main.ts'];

export function startChildServer(env: Record<string, string>, timeoutMs = 45_000, args = FROM_SOURCES): Promise<ChildServer> {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      // Node caches the TypeScript it transforms: later starts skip most of the work.
      NODE_COMPILE_CACHE: path.join(os.tmpdir(), 'bricoleur-node-compile-cache'),
      PORT: '0',
      HOST: '127.0.0.1',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const server = (url: string): ChildServer => ({
    url,
    process: child,
    output: () => output,
    async kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start in ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Gallery:\s+(http:\/\/\S+?)\/?\s/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(server(match[1]));
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code ?? signal}) before listening:\n${output}`));
    });
  });
}
