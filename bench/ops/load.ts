/**
 * A small closed-loop load generator: `senders` keep-alive connections, each sending the next
 * prepared request as soon as the previous one is answered, for `durationMs`. Reports acknowledged
 * requests per second, latency percentiles, and the CPU the generator itself used (on a 2-core
 * machine it shares the cores with the server it measures). Requests are encoded to bytes before the
 * clock starts and written to raw sockets, and answers are parsed just enough to find their end and
 * status, so that the generator costs far less than node:http's client would: both endpoints get the
 * same load from the same cheap client. Given several endpoints (instances behind one load), the
 * senders are spread over them in turn, as a load balancer's connections would be.
 */
import net from 'node:net';

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
  /** CPU time the generator used per second of the run (1.0 = one core busy). */
  generatorCpu: number;
}

/** One HTTP/1.1 request as bytes. */
function encode(host: string, r: Prepared): Buffer {
  const body = Buffer.from(r.body);
  let head = `POST ${r.path} HTTP/1.1\r\nhost: ${host}\r\nconnection: keep-alive\r\ncontent-length: ${body.length}\r\n`;
  for (const [name, value] of Object.entries(r.headers)) head += `${name}: ${value}\r\n`;
  return Buffer.concat([Buffer.from(`${head}\r\n`), body]);
}

const HEAD_END = Buffer.from('\r\n\r\n');
const CHUNKED_END = Buffer.from('0\r\n\r\n');

/** Length of the first complete response in `buf` and its status, or null when incomplete. */
function parseResponse(buf: Buffer): { length: number; status: number } | null {
  const headEnd = buf.indexOf(HEAD_END);
  if (headEnd < 0) return null;
  const head = buf.toString('latin1', 0, headEnd);
  const status = Number(head.slice(9, 12));
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  if (length) {
    const total = headEnd + 4 + Number(length[1]);
    return buf.length >= total ? { length: total, status } : null;
  }
  if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
    const end = buf.indexOf(CHUNKED_END, headEnd + 4);
    return end < 0 ? null : { length: end + CHUNKED_END.length, status };
  }
  return { length: headEnd + 4, status };
}

export async function runLoad(
  base: string | string[],
  requests: Prepared[],
  senders: number,
  durationMs: number,
): Promise<LoadResult> {
  const urls = (Array.isArray(base) ? base : [base]).map((b) => new URL(b));
  // Every endpoint is on the same host here: the Host header is the first one's.
  const encoded = requests.map((r) => encode(urls[0].host, r));
  const latencies: number[] = [];
  let next = 0;
  let ok = 0;
  let failed = 0;
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  const deadline = started + durationMs;

  const sender = (url: URL) =>
    new Promise<void>((done) => {
      let socket: net.Socket;
      let pending: Buffer = Buffer.alloc(0);
      let sentAt = 0;
      let waiting = false;
      const finish = () => {
        waiting = false;
        socket.removeAllListeners();
        socket.destroy();
        done();
      };
      const sendNext = () => {
        if (performance.now() >= deadline || next >= encoded.length) return finish();
        sentAt = performance.now();
        waiting = true;
        socket.write(encoded[next++]);
      };
      const connect = () => {
        pending = Buffer.alloc(0);
        socket = net.connect({ host: url.hostname, port: Number(url.port), noDelay: true }, sendNext);
        socket.on('data', (chunk: Buffer) => {
          pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
          const parsed = parseResponse(pending);
          if (!parsed || !waiting) return;
          pending = pending.subarray(parsed.length);
          latencies.push(performance.now() - sentAt);
          if (parsed.status === 200) ok += 1;
          else failed += 1;
          sendNext();
        });
        // A closed connection (refused request, server gone) counts as failed, then reconnects.
        socket.on('error', () => undefined);
        socket.on('close', () => {
          if (!waiting) return;
          waiting = false;
          failed += 1;
          latencies.push(performance.now() - sentAt);
          if (performance.now() < deadline) connect();
          else done();
        });
      };
      connect();
    });

  await Promise.all(Array.from({ length: senders }, (_, i) => sender(urls[i % urls.length])));
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  return {
    sent: latencies.length,
    ok,
    failed,
    perSecond: ok / elapsed,
    p50Ms: pct(50),
    p99Ms: pct(99),
    generatorCpu: (cpu.user + cpu.system) / 1e6 / elapsed,
  };
}
