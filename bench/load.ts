/**
 * The load generator of the HTTP benchmarks: `wrk` when it is on PATH (a C program: autocannon, a
 * Node process itself, saturates near 20,000 requests/s here and compresses every ratio to a bare
 * server), else autocannon. Both report requests/s and latency percentiles in milliseconds.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';

export interface Figures {
  rps: number;
  p50: number;
  p99: number;
}

export interface LoadOptions {
  connections: number;
  /** Seconds. */
  duration: number;
  /** A new address each request (`&n=<counter>`), so that no page cache answers. */
  unique?: boolean;
}

export interface LoadGenerator {
  /** What the output says was used. */
  name: string;
  load(url: string, options: LoadOptions): Promise<Figures>;
}

/** wrk's threads: one per core of this 2-core machine's; more would only contend with the servers. */
const WRK_THREADS = 2;

/** `wrk` when installed, else autocannon. */
export function loadGenerator(): LoadGenerator {
  const found = spawnSync('sh', ['-c', 'command -v wrk'], { encoding: 'utf8' });
  return found.status === 0 && found.stdout.trim() ? wrk(found.stdout.trim()) : autocannonGenerator();
}

function autocannonGenerator(): LoadGenerator {
  return {
    name: 'autocannon (wrk is not on PATH)',
    async load(url, options) {
      let counter = 0;
      const result = await autocannon({
        url,
        connections: options.connections,
        duration: options.duration,
        ...(options.unique
          ? { requests: [{ setupRequest: (req: autocannon.Request) => ({ ...req, path: `${req.path}&n=${counter++}` }) }] }
          : {}),
      });
      if (result.non2xx > 0 || result.errors > 0) console.warn(`  ! ${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
      return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
    },
  };
}

// Each wrk thread has its own Lua state: the thread number keeps the addresses of two threads apart.
const UNIQUE_SCRIPT = `
local threads = 0
function setup(thread) threads = threads + 1; thread:set("tid", threads) end
local counter = 0
function request()
  counter = counter + 1
  return wrk.format(nil, wrk.path .. "&n=" .. tid .. "-" .. counter)
end
`;

function wrk(binary: string): LoadGenerator {
  const threads = WRK_THREADS;
  return {
    name: `wrk (${binary}, ${threads} threads)`,
    async load(url, options) {
      const args = [
        '-t',
        String(threads),
        '-c',
        String(Math.max(threads, options.connections)),
        '-d',
        `${options.duration}s`,
        '--latency',
      ];
      let script: string | undefined;
      if (options.unique) {
        script = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-wrk-')), 'unique.lua');
        fs.writeFileSync(script, UNIQUE_SCRIPT);
        args.push('-s', script);
      }
      try {
        const output = await run(binary, [...args, url]);
        const figures = parseWrk(url, output);
        if (/Non-2xx or 3xx responses/.test(output)) {
          // wrk counts them without saying which: one more request shows what the server answers now.
          const response = await fetch(url).catch(() => null);
          console.warn(`    (the next request answered ${response?.status ?? 'nothing'})`);
        }
        return figures;
      } finally {
        if (script) fs.rmSync(path.dirname(script), { recursive: true, force: true });
      }
    },
  };
}

function run(binary: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`wrk exited with ${code}: ${out}`))));
  });
}

/** wrk prints durations as `850.00us`, `1.25ms` or `1.02s`. */
function milliseconds(value: string): number {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(value);
  if (!m) return Number.NaN;
  const n = Number(m[1]);
  return m[2] === 'us' ? n / 1000 : m[2] === 'ms' ? n : m[2] === 's' ? n * 1000 : n * 60_000;
}

export function parseWrk(url: string, output: string): Figures {
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1]);
  const at = (p: number) => milliseconds(new RegExp(`^\\s+${p}%\\s+(\\S+)`, 'm').exec(output)?.[1] ?? '');
  const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(output)?.[1];
  const errors = /Socket errors:(.*)/.exec(output)?.[1];
  if (non2xx || errors) console.warn(`  ! ${url}: ${non2xx ?? 0} non-2xx${errors ? `, socket errors:${errors}` : ''}`);
  if (!Number.isFinite(rps)) throw new Error(`Could not read wrk's output for ${url}:\n${output}`);
  return { rps, p50: at(50), p99: at(99) };
}
