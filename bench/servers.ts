/**
 * The servers the HTTP benchmarks load: the real one as `npm start` runs it (built, its own
 * process, on one engine's seeded database), and the bare baseline (`bare-server.ts`) sending the
 * same bytes the real one answered, from pre-encoded Buffers.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type BenchDatabase, type BenchEngine, ROOT } from './common.js';

export interface BenchServer {
  process: ChildProcess;
  base: string;
}

function startProcess(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

async function waitForUrl(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer`);
}

/** The real server on `database`, once it answers `/healthz`. */
export async function startRealServer(database: BenchDatabase): Promise<BenchServer & { engine: BenchEngine }> {
  const port = await freePort();
  // As `npm start` runs it: a small V8 young generation and few malloc arenas keep RSS low under load.
  const child = startProcess(['--max-semi-space-size=2', path.join(ROOT, 'dist', 'main.js')], {
    MALLOC_ARENA_MAX: '2',
    PORT: String(port),
    HOST: '127.0.0.1',
    ...database.env,
    SEED_DEMO: 'false',
    LOCAL_CHAT: 'false',
    LOG_LEVEL: 'silent',
  });
  const server = { engine: database.engine, process: child, base: `http://127.0.0.1:${port}` };
  try {
    await waitForUrl(`${server.base}/healthz`);
  } catch (error) {
    child.kill('SIGTERM');
    throw error;
  }
  return server;
}

/**
 * The bare server answering each of `paths` with the bytes (and content type) `real` answered
 * there; `stop` ends it and removes its files.
 */
export async function startBareServer(real: BenchServer, paths: string[]): Promise<BenchServer & { stop(): Promise<void> }> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-bare-'));
  const manifest: Record<string, { type: string; file: string }> = {};
  for (const [i, urlPath] of paths.entries()) {
    const response = await fetch(real.base + urlPath);
    if (!response.ok) throw new Error(`${urlPath} answered ${response.status}`);
    const file = path.join(tmp, `${i}.bin`);
    fs.writeFileSync(file, Buffer.from(await response.arrayBuffer()));
    manifest[urlPath] = { type: response.headers.get('content-type') ?? 'text/html', file };
  }
  fs.writeFileSync(path.join(tmp, 'manifest.json'), JSON.stringify(manifest));
  const child = startProcess([path.join(import.meta.dirname, 'bare-server.js'), path.join(tmp, 'manifest.json')], {});
  const port = await new Promise<number>((resolve) => child.stdout!.once('data', (d) => resolve(Number(String(d).trim()))));
  return {
    process: child,
    base: `http://127.0.0.1:${port}`,
    async stop() {
      await stopServer(child);
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** SIGTERM, then waits for the exit (a server still draining holds SQLite's lock). */
export function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
