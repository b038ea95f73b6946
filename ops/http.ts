/**
 * The operations side of the one Express app: request ids and latency, rate limits, `/healthz`,
 * `/metrics`, and the error answers that never show internals (JSON on API routes, the gallery's
 * error page elsewhere), whatever NODE_ENV is.
 */

import crypto from 'node:crypto';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { MemoryStore, rateLimit } from 'express-rate-limit';
import type { Config } from '../config.js';
import type { GalleryDeps } from '../gallery/deps.js';
import { createTranslator, loadCatalogues } from '../gallery/i18n.js';
import { sendError as sendGalleryError } from '../gallery/pages/errors.js';
import { createRenderer } from '../gallery/render.js';
import { type Logger, redactPath, rootLogger } from '../log.js';
import { metrics, registry } from '../metrics.js';
import type { Db } from '../storage/db.js';
import { countFailedEvents, countWaiting } from '../storage/inbox.js';
import { mediaStore } from '../storage/media/index.js';
import { sendApiError } from './http-errors.js';
import type { PlatformStatus } from './platforms.js';

/** Routes that speak JSON to programs: chat platforms and the local chat page's API. */
const API_PREFIXES = ['/chat/api/', '/slack/', '/api/'];

export function isApiPath(p: string): boolean {
  return API_PREFIXES.some((prefix) => p.startsWith(prefix) || p === prefix.slice(0, -1));
}

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by `requestContext`: echoed as `X-Request-Id` and in every log line about the request. */
    id?: string;
  }
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * First middleware: a request id (the caller's `X-Request-Id` when sane), the latency histogram per
 * route pattern, and, on API routes, a JSON body for error answers that a library sent empty (Bolt
 * answers 400/401/413/500 with no body).
 */
export function requestContext(): RequestHandler {
  const access = rootLogger().child({ scope: 'http' });
  return (req, res, next) => {
    const given = req.get('x-request-id');
    req.id = given && REQUEST_ID.test(given) ? given : crypto.randomUUID();
    res.set('X-Request-Id', req.id);
    const started = process.hrtime.bigint();
    let routeLabel = 'unmatched';
    res.on('finish', () => {
      if (req.route?.path) routeLabel = `${req.baseUrl ?? ''}${String(req.route.path)}`;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.httpDuration.observe({ method: req.method, route: routeLabel, status: String(res.statusCode) }, seconds);
      // One line per request at LOG_LEVEL=debug (the path without its query string, secret segments
      // masked: no tokens in logs).
      if (access.isLevelEnabled('debug')) {
        access.debug(
          {
            requestId: req.id,
            method: req.method,
            route: routeLabel,
            path: redactPath(req.path),
            status: res.statusCode,
            ms: Math.round(seconds * 1000),
          },
          'request',
        );
      }
    });
    // Route patterns are only known inside routers; remember the last one seen on the way.
    const originalJson = res.json.bind(res);
    res.json = (body: unknown) => {
      if (req.route?.path) routeLabel = `${req.baseUrl ?? ''}${String(req.route.path)}`;
      return originalJson(body);
    };
    if (isApiPath(req.path)) {
      const originalSend = res.send.bind(res);
      res.send = (body?: unknown) => {
        if (req.route?.path) routeLabel = `${req.baseUrl ?? ''}${String(req.route.path)}`;
        if (res.statusCode >= 400 && (body === undefined || body === '') && !res.get('Content-Type')) {
          res.send = originalSend;
          sendApiError(res, res.statusCode);
          return res;
        }
        return originalSend(body);
      };
    }
    next();
  };
}

function limiter(perMinute: number, skip?: (req: Request) => boolean, store?: MemoryStore): RequestHandler {
  return rateLimit({
    store,
    windowMs: 60_000,
    limit: perMinute,
    // No RateLimit-* headers on every answer (they cost more than the count on the hot path);
    // a refusal says when to come back.
    standardHeaders: false,
    legacyHeaders: false,
    keyGenerator: (req) => req.ip ?? req.socket.remoteAddress ?? 'unknown',
    validate: false,
    skip,
    handler: (req, res) => {
      const reset = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const seconds = reset ? Math.max(1, Math.ceil((reset.getTime() - Date.now()) / 1000)) : 60;
      res.set('Retry-After', String(seconds));
      sendApiError(res, 429);
    },
  });
}

/**
 * Per-client limits: platform endpoints (`/slack/events`, `/api/messages`) per address, and the
 * local chat's writes per address. Reads and the page itself are not limited. The inbound counter
 * is shared with the front door (`front-door.ts`), which counts the requests it takes itself.
 */
export function rateLimits(config: Config): {
  inbound: RequestHandler;
  chatWrites: RequestHandler;
  inboundCounter: MemoryStore;
} {
  const reading = (req: Request) => req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS';
  const inboundCounter = new MemoryStore();
  const countedAtTheFrontDoor = (req: Request) => (req as Request & { frontCounted?: boolean }).frontCounted === true;
  return {
    inbound: limiter(config.inboundRateLimitPerMinute, countedAtTheFrontDoor, inboundCounter),
    chatWrites: limiter(config.rateLimitPerMinute, reading),
    inboundCounter,
  };
}

/**
 * `GET /healthz`: liveness, whether this process can serve (database and media store), whatever the
 * chat platforms do. `GET /readyz`: the same, plus each configured chat platform with its state and
 * last error; 503 until all are reachable. `GET /metrics`: Prometheus text.
 */
export function opsRoutes(deps: {
  db: Db;
  config: Config;
  log: Logger;
  platforms?: () => Record<string, PlatformStatus>;
}): express.Router {
  const router = express.Router();
  const localChecks = async (req: Request) => {
    const checks = { database: 'ok', media: 'ok' };
    try {
      await deps.db.selectFrom('inbox').select('id').limit(1).execute();
    } catch (error) {
      checks.database = 'failing';
      deps.log.error('health check: database failing', { requestId: req.id, error });
    }
    try {
      await mediaStore(deps.config.media).probe();
    } catch (error) {
      checks.media = 'failing';
      deps.log.error('health check: media store failing', { requestId: req.id, error });
    }
    return checks;
  };
  router.get('/healthz', async (req, res) => {
    const checks = await localChecks(req);
    const ok = checks.database === 'ok' && checks.media === 'ok';
    res
      .status(ok ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json({ status: ok ? 'ok' : 'failing', ...checks });
  });
  router.get('/readyz', async (req, res) => {
    const checks = await localChecks(req);
    const platforms = deps.platforms?.() ?? {};
    const ready =
      checks.database === 'ok' && checks.media === 'ok' && Object.values(platforms).every((p) => p.state === 'connected');
    res
      .status(ready ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json({ status: ready ? 'ready' : 'not_ready', ...checks, platforms });
  });
  router.get('/metrics', async (_req, res, next) => {
    try {
      metrics.eventsWaiting.set(await countWaiting(deps.db));
      metrics.eventsSetAside.set(await countFailedEvents(deps.db));
      res
        .set('Cache-Control', 'no-store')
        .type(registry.contentType)
        .send(await registry.metrics());
    } catch (error) {
      next(error);
    }
  });
  return router;
}

/** Unknown API routes answer JSON 404 (mounted after the adapters, before the gallery). */
export function apiNotFound(): RequestHandler {
  return (req, res, next) => (isApiPath(req.path) || isApiPath(req.originalUrl) ? sendApiError(res, 404) : next());
}

/** Status of an error thrown or passed along: body-parser's and multer's carry one; else 500. */
function statusOf(error: unknown): number {
  const e = error as { status?: unknown; statusCode?: unknown; code?: unknown } | null;
  const status = Number(e?.status ?? e?.statusCode);
  if (Number.isInteger(status) && status >= 400 && status < 600) return status;
  if (e?.code === 'LIMIT_FILE_SIZE' || e?.code === 'LIMIT_FIELD_VALUE') return 413;
  if (typeof e?.code === 'string' && e.code.startsWith('LIMIT_')) return 400;
  return 500;
}

/**
 * Last error handler of the app: whatever escaped a router answers with a status and a friendly
 * body, never the error itself. Pages reuse the gallery's error page.
 */
export function errorHandler(deps: { db: Db; config: Config; log: Logger }) {
  let pages: Pick<GalleryDeps, 'config' | 'translate' | 'renderer'> | null = null;
  const errorPages = () => {
    pages ??= { config: deps.config, renderer: createRenderer(), translate: createTranslator(loadCatalogues()) };
    return pages;
  };
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const status = statusOf(error);
    if (status >= 500) deps.log.error('request failed', { requestId: req.id, method: req.method, path: req.path, error });
    else deps.log.warn('request refused', { requestId: req.id, method: req.method, path: req.path, status });
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (isApiPath(req.originalUrl)) return sendApiError(res, status);
    try {
      sendGalleryError(errorPages(), req, res, status >= 500 ? 'serverError' : 'notFound');
    } catch {
      res.status(status).type('text').send(String(status));
    }
  };
}
