/**
 * Deployment (issue 18 step 7): `ops/nginx/bricoleur.conf`, as shipped, run by Debian's nginx in front
 * of two real server processes on one PostgreSQL database and one S3-compatible store. Requests are
 * shared between both; when one instance is killed (SIGKILL, like a crashed machine), agents keep
 * getting their pages from the other, with no error; nginx's health check (`/healthz`) answers through
 * it. Skipped, and saying so, without TEST_DATABASE_URL or without nginx (apt-get install nginx).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../storage/db.js';
import { type ChildServer, startChildServer } from './support/child-server.js';
import { startS3Server, type TestS3 } from './support/s3-server.js';
import { createPostgresDatabase, describeEngines, tempDir } from './support/temp-db.js';

const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';
const SITE = path.resolve(import.meta.dirname, '..', 'ops', 'nginx', 'bricoleur.conf');
const nginxInstalled = fs.existsSync(NGINX);
if (!nginxInstalled) console.warn(`nginx deployment test: skipped, nginx not found at ${NGINX} (apt-get install nginx).`);

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * The shipped site file with only what a deployment edits changed: the instances' addresses, the
 * port it listens on and where it logs. Everything else (health checks, retries, headers) is as shipped.
 */
function siteFor(instances: number[], listen: number, log: string): string {
  const site = fs.readFileSync(SITE, 'utf8');
  const upstreams = [...site.matchAll(/^\s*server 127\.0\.0\.1:\d+ /gm)];
  expect(upstreams).toHaveLength(2);
  let n = 0;
  return site
    .replace(/^(\s*server )127\.0\.0\.1:\d+ /gm, (_, head: string) => `${head}127.0.0.1:${instances[n++]} `)
    .replace(/^(\s*)listen 80;/m, `$1listen 127.0.0.1:${listen};`)
    .replace(/access_log \/var\/log\/nginx\/bricoleur\.access\.log/, `access_log ${log}`);
}

describeEngines(
  'two instances behind nginx',
  () => {
    let database: { url: string; drop(): Promise<void> };
    const dirs: { dir: string; remove(): void }[] = [];
    const instances: ChildServer[] = [];
    let nginx: ChildProcess | null = null;
    let base = '';
    let accessLog = '';
    let s3: TestS3 | undefined;

    beforeAll(async () => {
      database = await createPostgresDatabase();
      const db = openDatabase(database.url);
      await migrate(db);
      await db.destroy();
      // Photos in one S3-compatible store, each instance with its own data folder, as in production.
      s3 = await startS3Server();
      const ports = [await freePort(), await freePort()];
      // One after the other: the first seeds the demo, the second finds it there.
      for (const [i, port] of ports.entries()) {
        instances.push(
          await startChildServer({
            PORT: String(port),
            DATA_DIR: (() => {
              const data = tempDir();
              dirs.push(data);
              return data.dir;
            })(),
            ...s3.env(),
            DATABASE_URL: database.url,
            SEED_DEMO: i === 0 ? 'true' : 'false',
            LOCAL_CHAT: 'false',
          }),
        );
      }
      const prefix = tempDir('bricoleur-nginx-');
      dirs.push(prefix);
      const listen = await freePort();
      accessLog = path.join(prefix.dir, 'access.log');
      fs.writeFileSync(path.join(prefix.dir, 'bricoleur.conf'), siteFor(ports, listen, accessLog));
      // The main file Debian's nginx.conf would be, reduced to what a test run needs.
      fs.writeFileSync(
        path.join(prefix.dir, 'nginx.conf'),
        `worker_processes 1;
pid ${prefix.dir}/nginx.pid;
error_log ${prefix.dir}/error.log warn;
events { worker_connections 256; }
http {
  client_body_temp_path ${prefix.dir}/body;
  proxy_temp_path ${prefix.dir}/proxy;
  fastcgi_temp_path ${prefix.dir}/fastcgi;
  uwsgi_temp_path ${prefix.dir}/uwsgi;
  scgi_temp_path ${prefix.dir}/scgi;
  include ${prefix.dir}/bricoleur.conf;
}
`,
      );
      const check = spawnSync(NGINX, ['-t', '-p', prefix.dir, '-c', path.join(prefix.dir, 'nginx.conf')], { encoding: 'utf8' });
      expect(check.status, check.stderr).toBe(0);
      nginx = spawn(NGINX, ['-p', prefix.dir, '-c', path.join(prefix.dir, 'nginx.conf'), '-g', 'daemon off;'], {
        stdio: 'ignore',
      });
      base = `http://127.0.0.1:${listen}`;
      for (let i = 0; i < 100; i++) {
        if ((await fetch(`${base}/healthz`).catch(() => null))?.ok) break;
        await new Promise((r) => setTimeout(r, 100));
      }
    }, 180_000);

    afterAll(async () => {
      nginx?.kill('SIGTERM');
      for (const instance of instances) await instance.kill('SIGKILL');
      await database?.drop();
      await s3?.close();
      for (const dir of dirs) dir.remove();
    });

    const answeredBy = (): string[] =>
      fs
        .readFileSync(accessLog, 'utf8')
        .split('\n')
        .map((line) => /upstream=(\S+)/.exec(line)?.[1])
        .filter((u): u is string => Boolean(u));

    describe('two instances behind nginx', () => {
      it('shares the pages between both instances, and the health check answers through nginx', async () => {
        const health = await fetch(`${base}/healthz`);
        expect(health.status).toBe(200);
        for (let i = 0; i < 20; i++) {
          const res = await fetch(`${base}/bricolages.json`);
          expect(res.status).toBe(200);
          expect((await res.json()).total).toBeGreaterThan(0);
        }
        const ports = instances.map((i) => new URL(i.url).port);
        const upstreams = new Set(answeredBy().map((u) => u.split(':').at(-1)));
        for (const port of ports) expect(upstreams).toContain(port);
        // Every instance streams every photo from the shared store.
        const { items } = await (await fetch(`${base}/bricolages.json`)).json();
        const cover = items.find((i: { cover: { url: string } | null }) => i.cover)?.cover.url as string;
        for (const instance of instances) {
          const photo = await fetch(`${instance.url}${new URL(cover).pathname}`);
          expect(photo.status).toBe(200);
          expect(photo.headers.get('content-type')).toBe('image/webp');
        }
      });

      it('keeps serving every page when one instance is killed', async () => {
        await instances[0].kill('SIGKILL');
        const statuses: number[] = [];
        for (let i = 0; i < 20; i++) {
          for (const page of ['/', '/bricolages.json', '/stats.json', '/healthz']) {
            statuses.push((await fetch(`${base}${page}`)).status);
          }
        }
        expect(statuses.filter((s) => s !== 200)).toEqual([]);
      });
    });
  },
  { onlyPostgres: true, ...(nginxInstalled ? {} : { notYet: `nginx is not installed at ${NGINX}` }) },
);
