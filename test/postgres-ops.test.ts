/**
 * The whole product on PostgreSQL: an instance refuses a schema that is behind (and says to run
 * `npm run migrate`), `npm run migrate` applies the migrations once, then the app starts, seeds the
 * demo, serves the gallery and its search; `npm run backup` writes a pg_dump with the media.
 * Skipped, and saying so, without TEST_DATABASE_URL.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { createLogger } from '../log.js';
import { startApp } from '../main.js';
import { backupTo } from '../ops/archive.js';
import { run } from '../ops/cli.js';
import { pendingMigrations, SchemaBehindError } from '../storage/db.js';
import { createPostgresDatabase, describeEngines, tempDir } from './support/temp-db.js';

describeEngines(
  'the product on PostgreSQL',
  () => {
    let database: { url: string; drop(): Promise<void> };
    let data: { dir: string; remove(): void };
    const env = () => ({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: data.dir, DATABASE_URL: database.url, LOCAL_CHAT: 'true' });
    beforeAll(async () => {
      database = await createPostgresDatabase();
      data = tempDir();
    });
    afterAll(async () => {
      await database?.drop();
      data?.remove();
    });

    it('refuses a schema that is behind, migrates once with npm run migrate, then serves the gallery', async () => {
      const config = loadConfig(env());
      const refused = startApp(config, createLogger('test', true), { scheduler: { tickMs: 0 } });
      await expect(refused).rejects.toThrow(SchemaBehindError);
      await expect(refused).rejects.toThrow(/npm run migrate/);

      const saved = { ...process.env };
      Object.assign(process.env, env());
      const log: string[] = [];
      const original = console.log;
      console.log = (line: string) => log.push(line);
      try {
        expect(await run(['migrate'])).toBe(0);
        expect(await run(['migrate'])).toBe(0);
      } finally {
        console.log = original;
        process.env = saved;
      }
      expect(log[0]).toMatch(/^migrations applied: 2026-12-04-01-schema/);
      expect(log[1]).toBe('the database schema is up to date');

      const app = await startApp(config, createLogger('test', true), { scheduler: { tickMs: 0 } });
      try {
        expect(await pendingMigrations(app.db)).toEqual([]);
        const home = await fetch(`${app.url}/`);
        expect(home.status).toBe(200);
        // The demo was seeded; the search finds a seeded bricolage by a word typed without accents.
        const { title } = await app.db.selectFrom('bricolages').select('title').orderBy('id').executeTakeFirstOrThrow();
        const word = title
          .normalize('NFD')
          .replace(/\p{M}/gu, '')
          .split(/[^\p{L}]+/u)
          .find((w) => w.length >= 5)!;
        const search = await fetch(`${app.url}/recherche?q=${encodeURIComponent(word.toLowerCase())}`);
        expect(search.status).toBe(200);
        const page = await search.text();
        expect(page).toContain('<mark>');

        const hasPgDump = spawnSync('pg_dump', ['--version'], { stdio: 'ignore' }).status === 0;
        if (hasPgDump) {
          const file = await backupTo(app.config);
          const listed = execFileSync('tar', ['-tf', file], { encoding: 'utf8' }).split('\n');
          expect(listed).toContain('bricoleur.pgdump');
          expect(listed.some((name) => name.startsWith('media/') && name.endsWith('.webp'))).toBe(true);
        } else {
          await expect(backupTo(app.config)).rejects.toThrow(/pg_dump is not installed/);
        }
      } finally {
        await app.stop();
      }
    });
  },
  { onlyPostgres: true },
);
