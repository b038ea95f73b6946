/**
 * A small closed-loop load generator: `senders` keep-alive connections, each sending the next
 * prepared request as soon as the previous one is answered, for `durationMs`. Reports acknowledged
 * requests per second and latency percentiles.
 */
import http from 'node:http';

export interface Prepared {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface LoadResult {
  sent: number;
  ok: number;
  failed: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export async function runLoad(base: string, requests: Prepared[], senders: number, durationMs: number): Promise<LoadResult> {
  const url = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: senders });
  const latencies: number[] = [];
  let next = 0;
  let ok = 0;
  let failed = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  const send = (r: Prepared) =>
    new Promise<number>((resolve) => {
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          path: r.path,
          method: 'POST',
          headers: { ...r.headers, 'content-length': Buffer.byteLength(r.body) },
          agent,
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', () => resolve(0));
      req.end(r.body);
    });
  const sender = async () => {
    while (performance.now() < deadline && next < requests.length) {
      const r = requests[next++];
      const t0 = performance.now();
      const status = await send(r);
      latencies.push(performance.now() - t0);
      if (status === 200) ok += 1;
      else failed += 1;
    }
  };
  await Promise.all(Array.from({ length: senders }, sender));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  return { sent: latencies.length, ok, failed, perSecond: ok / elapsed, p50Ms: pct(50), p99Ms: pct(99) };
}
