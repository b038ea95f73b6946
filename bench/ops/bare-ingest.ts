/**
 * The baseline of the ingest benchmark: a bare `node:http` endpoint that checks the same Slack HMAC
 * signature and inserts each event into an inbox table with group commit and `synchronous = FULL`,
 * answering after COMMIT. Nothing else: no framework, no processing. Prints `listening <url>`.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import { DatabaseSync } from 'node:sqlite';

const [file, secret] = process.argv.slice(2);
const db = new DatabaseSync(file);
db.exec(`pragma journal_mode = WAL; pragma synchronous = FULL;
  create table if not exists inbox (id integer primary key, platform text not null, event_id text not null,
  payload text not null, received_at text not null, unique (platform, event_id));`);
const insert = db.prepare(
  'insert into inbox (platform, event_id, payload, received_at) values (?, ?, ?, ?) on conflict do nothing',
);

let batch: { eventId: string; body: string; res: http.ServerResponse }[] = [];
function flush(): void {
  const current = batch;
  batch = [];
  const at = new Date().toISOString();
  db.exec('begin');
  for (const b of current) insert.run('slack', b.eventId, b.body, at);
  db.exec('commit');
  for (const b of current) b.res.writeHead(200, { 'content-length': '0' }).end();
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
    if (batch.length === 0) setImmediate(flush);
    batch.push({ eventId, body, res });
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address() as { port: number };
  console.log(`listening http://127.0.0.1:${address.port}`);
});
