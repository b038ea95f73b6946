/**
 * Routes answered before Express, for the one endpoint that takes bursts (Slack's events): the
 * node:http server's `request` listener gives a POST on a registered path to its handler, after
 * what the Express app would have done first for it: a request id (`X-Request-Id`), the same
 * per-client limit as the app's `inbound` limiter (one shared counter: 429 with `Retry-After`), the
 * same latency histogram. Express's per-request work (its request/response objects, router, body
 * parser) costs more than storing the event; every other request goes to Express unchanged, and a
 * handler can give a request back (`fallThrough`) once it has read the body into `req.rawBody`.
 */
import crypto from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import proxyAddr from 'proxy-addr';
import { metrics } from '../metrics.js';
import { sendRawApiError, sendRawStarting } from './http-errors.js';

export interface FrontRequest extends IncomingMessage {
  /** The body, once a handler has read it (Bolt's receiver reads it from here on a fall-through). */
  rawBody?: Buffer;
  /** Set when the front door counted the request against the client's limit (Express skips it). */
  frontCounted?: boolean;
}

export interface FrontRoute {
  /** Whether to take this request at all, from its headers only (false: Express gets it untouched). */
  accepts(req: IncomingMessage): boolean;
  /** Answers the request, or hands it to Express (`fallThrough`) with its body in `req.rawBody`. */
  handle(req: FrontRequest, res: ServerResponse, context: { requestId: string; fallThrough(): void }): void;
}

/** The per-client counter shared with the Express limiter (express-rate-limit's store shape). */
export interface HitCounter {
  increment(key: string): Promise<{ totalHits: number; resetTime?: Date }>;
}

export interface FrontDoor {
  /** Takes POST requests on `path` (exact, query string ignored) through `route`. */
  post(path: string, route: FrontRoute): void;
  /** Lets requests in once every route is mounted; before that they get a 503 (`sendRawStarting`). */
  open(): void;
  listener: RequestListener;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Which proxies to believe about the client's address: Express's compiled `trust proxy` setting. */
export type TrustProxy = (address: string, hop: number) => boolean;

/** The client's address exactly as Express computes `req.ip` (the same `proxy-addr`, the same setting). */
export function clientAddress(req: IncomingMessage, trust: TrustProxy): string {
  return proxyAddr(req, trust);
}

export function createFrontDoor(
  app: RequestListener,
  limit: { counter: HitCounter; perMinute: number },
  trust: TrustProxy,
  isApiPath: (path: string) => boolean = () => false,
): FrontDoor {
  const routes = new Map<string, FrontRoute>();
  let opened = false;
  // The histogram's child per route and status, looked up once (labelling costs per observation).
  const observers = new Map<string, { observe(seconds: number): void }>();
  const observer = (path: string, status: number) => {
    const key = `${path} ${status}`;
    let found = observers.get(key);
    if (!found) {
      found = metrics.httpDuration.labels({ method: 'POST', route: path, status: String(status) });
      observers.set(key, found);
    }
    return found;
  };

  const take = async (req: FrontRequest, res: ServerResponse, path: string, route: FrontRoute): Promise<void> => {
    const started = process.hrtime.bigint();
    const given = req.headers['x-request-id'];
    const requestId = typeof given === 'string' && REQUEST_ID.test(given) ? given : crypto.randomUUID();
    res.setHeader('X-Request-Id', requestId);
    const observe = () => observer(path, res.statusCode).observe(Number(process.hrtime.bigint() - started) / 1e9);
    res.once('finish', observe);
    req.frontCounted = true;
    const hits = await limit.counter.increment(clientAddress(req, trust));
    if (hits.totalHits > limit.perMinute) {
      const reset = hits.resetTime ? Math.ceil((hits.resetTime.getTime() - Date.now()) / 1000) : 60;
      sendRawApiError(res, 429, { 'Retry-After': String(Math.max(1, reset)) });
      return;
    }
    route.handle(req, res, {
      requestId,
      fallThrough: () => {
        // Express's own request context takes over: same id, one observation.
        res.off('finish', observe);
        res.removeHeader('X-Request-Id');
        req.headers['x-request-id'] = requestId;
        app(req, res);
      },
    });
  };

  return {
    post(path, route) {
      routes.set(path, route);
    },
    open() {
      opened = true;
    },
    listener(req, res) {
      if (!opened) return sendRawStarting(res, isApiPath((req.url ?? '').split('?')[0]));
      if (req.method === 'POST' && routes.size > 0) {
        const url = req.url ?? '';
        const q = url.indexOf('?');
        const path = q < 0 ? url : url.slice(0, q);
        const route = routes.get(path);
        if (route?.accepts(req)) {
          take(req, res, path, route).catch(() => {
            if (!res.headersSent) sendRawApiError(res, 500);
            else res.destroy();
          });
          return;
        }
      }
      app(req, res);
    },
  };
}
