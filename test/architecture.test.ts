/**
 * The dependency rule of ARCHITECTURE.md, checked on the whole import graph (static and dynamic
 * imports, type-only ones included): `adapters → bot → storage → domain`, `gallery → storage`, only
 * main.ts sees adapters, the core never reaches a chat SDK even through another file, the S3 SDK is
 * imported by the media store module alone, and no cycle.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

/** Production code: every .ts file outside tests, benchmarks, scripts and dependencies. */
const files = fs
  .readdirSync(root, { recursive: true, encoding: 'utf8' })
  .map((f) => f.split(path.sep).join('/'))
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
  .filter((f) => !/^(node_modules|dist|test|bench|scripts|data|data-bench)\//.test(f) && !f.includes('/node_modules/'))
  .filter((f) => f !== 'vitest.config.ts');

const specifiers = (file: string) =>
  [...fs.readFileSync(path.join(root, file), 'utf8').matchAll(/(?:from\s+|import\s*\(\s*|^import\s+)['"]([^'"]+)['"]/gm)].map(
    (m) => m[1],
  );

/** Each file's imports: project files (resolved, `.js` → `.ts`) and packages (by name). */
const graph = new Map(
  files.map((file) => {
    const local: string[] = [];
    const packages: string[] = [];
    for (const spec of specifiers(file)) {
      if (spec.startsWith('.')) {
        local.push(path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)).replace(/\.js$/, '.ts'));
      } else if (!spec.startsWith('node:')) packages.push(spec);
    }
    return [file, { local, packages }] as const;
  }),
);

/** The layer a file belongs to: its top folder, or the root file's role. */
function layerOf(file: string): string {
  const top = file.split('/')[0];
  if (top === file) return file === 'main.ts' ? 'main' : 'support'; // config.ts, log.ts, metrics.ts
  return top;
}

/** What each layer may import (besides itself). */
const ALLOWED: Record<string, readonly string[]> = {
  domain: [],
  support: ['domain'],
  storage: ['domain', 'support'],
  gallery: ['storage', 'domain', 'support'],
  downloads: ['storage', 'domain', 'support'],
  bot: ['storage', 'domain', 'support'],
  ops: ['gallery', 'storage', 'domain', 'support'],
  adapters: ['bot', 'storage', 'domain', 'support'],
  main: ['adapters', 'bot', 'gallery', 'downloads', 'ops', 'storage', 'domain', 'support'],
};

/** Every project file reachable from `file` through imports (itself excluded). */
function reachable(file: string): Set<string> {
  const seen = new Set<string>();
  const stack = [...(graph.get(file)?.local ?? [])];
  while (stack.length > 0) {
    const next = stack.pop() as string;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(graph.get(next)?.local ?? []));
  }
  return seen;
}

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
function cycles(): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (v: string) => {
    indices.set(v, index);
    low.set(v, index);
    index += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.local ?? []) {
      if (!graph.has(w)) continue;
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, indices.get(w) as number));
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)?.local.includes(v)) found.push(component.sort());
    }
  };
  for (const file of graph.keys()) if (!indices.has(file)) visit(file);
  return found;
}

describe('architecture', () => {
  it('finds the production files and their imports', () => {
    // Guards the checks below against a broken file walk that would make them pass vacuously.
    expect(files.length).toBeGreaterThan(150);
    for (const folder of ['domain', 'storage', 'bot', 'gallery', 'adapters', 'ops'])
      expect(files.some((f) => f.startsWith(`${folder}/`))).toBe(true);
    expect(graph.get('main.ts')?.local).toContain('storage/db.ts');
  });

  it('every import resolves to a project file', () => {
    const missing = [...graph].flatMap(([file, { local }]) => local.filter((l) => !graph.has(l)).map((l) => `${file} → ${l}`));
    expect(missing).toEqual([]);
  });

  it('no import points upward: each layer imports only the layers below it', () => {
    const offenders = [...graph].flatMap(([file, { local }]) =>
      local
        .filter((target) => {
          const from = layerOf(file);
          const to = layerOf(target);
          return from !== to && !ALLOWED[from]?.includes(to);
        })
        .map((target) => `${file} → ${target}`),
    );
    expect(offenders).toEqual([]);
  });

  it('domain/ imports nothing of ours, and migrations import nothing but domain/', () => {
    const offenders = [...graph].flatMap(([file, { local }]) =>
      local
        .filter((t) =>
          file.startsWith('domain/')
            ? !t.startsWith('domain/')
            : file.startsWith('storage/migrations/') && !t.startsWith('storage/migrations/') && !t.startsWith('domain/'),
        )
        .map((t) => `${file} → ${t}`),
    );
    expect(offenders).toEqual([]);
  });

  it('bot/, storage/, gallery/ and domain/ never reach a chat SDK or an adapter, even through another file', () => {
    const core = files.filter((f) => /^(bot|storage|gallery|domain)\//.test(f));
    const offenders = core.flatMap((file) =>
      [file, ...reachable(file)].flatMap((f) => [
        ...(graph.get(f)?.packages ?? []).filter((p) => /^@slack\/|^@microsoft\//.test(p)).map((p) => `${file} ⇝ ${f} → ${p}`),
        ...(f.startsWith('adapters/') ? [`${file} ⇝ ${f}`] : []),
      ]),
    );
    expect(offenders).toEqual([]);
  });

  it('only the media store module imports the S3 SDK', () => {
    // Every other file reaches object storage through `storage/media/` (`MediaStore`), never the SDK.
    const importers = [...graph].filter(([, { packages }]) => packages.some((p) => p.startsWith('@aws-sdk/'))).map(([f]) => f);
    expect(importers).toEqual(['storage/media/s3-store.ts']);
  });

  it('storage/ and gallery/ never reach the bot core', () => {
    const offenders = files
      .filter((f) => /^(storage|gallery)\//.test(f))
      .flatMap((file) => [...reachable(file)].filter((f) => f.startsWith('bot/')).map((f) => `${file} ⇝ ${f}`));
    expect(offenders).toEqual([]);
  });

  it('has no import cycle', () => {
    expect(cycles()).toEqual([]);
  });

  it('bot/ and downloads/ run no SQL: every query lives in storage/', () => {
    const query = /\.(selectFrom|updateTable|insertInto|deleteFrom|replaceInto)\(|\bsql`|from\s+['"]kysely['"]/;
    const offenders = files
      .filter((f) => /^(bot|downloads)\//.test(f))
      .filter((file) => query.test(fs.readFileSync(path.join(root, file), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
