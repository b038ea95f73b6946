/** The dependency rule of ARCHITECTURE.md: the core never sees a chat SDK, and only main.ts sees adapters. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return fs
    .readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => path.join(dir, f));
}

const importsOf = (file: string) =>
  // Static imports and dynamic `import('…')` alike.
  [...fs.readFileSync(path.join(root, file), 'utf8').matchAll(/(?:from\s+|import\s*\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]);

describe('architecture', () => {
  it('bot/ and storage/ import no chat SDK and no adapter', () => {
    const offenders = [...sources('bot'), ...sources('storage')].flatMap((file) =>
      importsOf(file)
        .filter((i) => /^@slack\/|^@microsoft\/|adapters\//.test(i))
        .map((i) => `${file} → ${i}`),
    );
    expect(offenders).toEqual([]);
  });

  it('storage/ and gallery/ do not import the bot core', () => {
    const offenders = [...sources('storage'), ...sources('gallery')].flatMap((file) =>
      importsOf(file)
        .filter((i) => /(^|\/)bot\//.test(i))
        .map((i) => `${file} → ${i}`),
    );
    expect(offenders).toEqual([]);
  });

  it('only main.ts imports adapters/', () => {
    const offenders = [...sources('bot'), ...sources('storage'), ...sources('gallery')].filter((file) =>
      importsOf(file).some((i) => i.includes('adapters/')),
    );
    expect(offenders).toEqual([]);
  });

  it('bot/ and downloads/ run no SQL: every query lives in storage/', () => {
    const query = /\.(selectFrom|updateTable|insertInto|deleteFrom|replaceInto)\(|\bsql`|from\s+['"]kysely['"]/;
    const offenders = [...sources('bot'), ...sources('downloads')].filter((file) =>
      query.test(fs.readFileSync(path.join(root, file), 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});
