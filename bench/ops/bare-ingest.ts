/**
 * The baseline of the ingest benchmark: a bare `node:http` endpoint that checks the same Slack HMAC
 * signature and inserts each event into an inbox table with group commit, answering after COMMIT.
 * Nothing else: no framework, no processing. Prints `listening <url>`.
 * `bare-ingest.ts <location> <secret>`: a SQLite file (WAL, `synchronous = FULL`, one transaction per
 * batch), or a `postgres://` URL (one connection, one multi-row `INSERT … SELECT unnest(…)` per batch,
 * durable by PostgreSQL's default `synchronous_commit`): the best a bare endpoint does on each engine.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';

interface Row {
  eventId: string;
  body: string;
}

/** Inserts one batch durably (one commit). */
type InsertBatch = (rows: Row[], at: string) => void | Promise<void>;

function sqliteStore(file: string): InsertBatch {
  const db = new DatabaseSync(file);
  db.exec(`pragma journal_mode = WAL; pragma synchronous = FULL;
    create table if not exists inbox (id integer primary key, platform text not null, event_id text not null,
    payload text not null, received_at text not null, unique (platform, event_id));`);
  const insert = db.prepare(
    'insert into inbox (platform, event_id, payload, received_at) values (?, ?, ?, ?) on conflict do nothing',
  );
  return (rows, at) => {
    db.exec('begin');
    for (const r of rows) insert.run('slack', r.eventId, r.body, at);
    db.exec('commit');
  };
}

async function postgresStore(url: string): Promise<InsertBatch> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // Its own table beside the real server's `inbox` in the benchmark database.
  await client.query(`create table if not exists bare_inbox (id bigserial primary key, platform text not null,
    event_id text not null, payload text not null, received_at text not null, unique (platform, event_id))`);
  return async (rows, at) => {
    await client.query({
      name: 'bare-insert',
      text: `insert into bare_inbox (platform, event_id, payload, received_at)
        select 'slack', e, p, $3 from unnest($1::text[], $2::text[]) as t(e, p) on conflict do nothing`,
      values: [rows.map((r) => r.eventId), rows.map((r) => r.body), at],
    });
  };
}

const [location, secret] = process.argv.slice(2);
const insertBatch = /^postgres(ql)?:\/\//.test(location) ? await postgresStore(location) : sqliteStore(location);

// Group commit: what arrives during a commit (or within the same event-loop turn) goes in the next one.
let batch: (Row & { res: http.ServerResponse })[] = [];
let committing = false;
async function flush(): Promise<void> {
  committing = true;
  while (batch.length > 0) {
    const current = batch;
    batch = [];
    try {
      await insertBatch(current, new Date().toISOString());
      for (const b of current) b.res.writeHead(200, { 'content-length': '0' }).end();
    } catch {
      for (const b of current) b.res.writeHead(500, { 'content-length': '0' }).end();
    }
  }
  committing = false;
}

function verify(body: string, headers: http.IncomingHttpHeaders): boolean {
  const ts = String(headers['x-slack-request-timestamp'] ?? '');
  const given = Buffer.from(String(headers['x-slack-signature'] ?? ''));
  const wanted = Buffer.from(`v0=${crypto.createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`);
  return given.length === wanted.length && crypto.timingSafeEqual(given, wanted);
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString();
    if (!verify(body, req.headers)) return void res.writeHead(401).end();
    let eventId: string;
    try {
      eventId = String(JSON.parse(body).event_id);
    } catch {
      return void res.writeHead(400).end();
    }
    if (batch.length === 0 && !committing) setImmediate(flush);
    batch.push({ eventId, body, res });
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address() as { port: number };
  console.log(`listening http://127.0.0.1:${address.port}`);
});
