/**
 * The baseline: a bare `node:http` server sending pre-encoded page bytes (the same bytes the real
 * server sent), one Buffer per path. Started by the gallery benchmark in its own process.
 * Usage: node bare-server.js <manifest.json> — prints its port on stdout once listening.
 */
import fs from 'node:fs';
import http from 'node:http';

const manifest = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')) as Record<string, { type: string; file: string }>;
const pages = new Map(
  Object.entries(manifest).map(([urlPath, page]) => [urlPath, { type: page.type, body: fs.readFileSync(page.file) }]),
);
const server = http.createServer((req, res) => {
  const page = pages.get(req.url ?? '');
  if (!page) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'Content-Type': page.type, 'Content-Length': page.body.length });
  res.end(page.body);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
});
