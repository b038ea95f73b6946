/**
 * The Events API's hot path: a signed `event_callback` carrying a reaction or a message goes from
 * the request straight to the same translation (`fromEventEnvelope`) and the inbox, then Slack gets
 * its 200, without Express nor Bolt's per-request dispatch (listener matching, authorize, context).
 * `main.ts` mounts it on the server's front door (`ops/front-door.ts`: request id, per-client limit,
 * latency histogram). Everything else (URL verification, bad or stale signatures, malformed bodies,
 * other event types, commands and interactivity) is handed on to Bolt's receiver with the body
 * already read (`req.rawBody`, which Bolt reads first), so Bolt answers it exactly as before.
 */
import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { InboundEvent } from '../../bot/ports.js';
import type { Logger } from '../../log.js';
import { fromEventEnvelope, type InboundContext, type SlackEventEnvelope } from './inbound.js';

const FAST_TYPES = new Set(['reaction_added', 'reaction_removed', 'message']);
/** Slack event envelopes are a few kilobytes; larger bodies go to Express (and its 413). */
const MAX_BODY = 1024 * 1024;
/**
 * Slack's replay window: a request signed more than five minutes away from now, on either side, is
 * refused. Bolt checks only the past; one signed a day ahead would stay replayable for a day.
 */
const MAX_AGE_SECONDS = 5 * 60;

/** Whether the request's `X-Slack-Request-Timestamp` is a whole number within five minutes of now. */
export function isWithinReplayWindow(headers: IncomingMessage['headers'], nowMs = Date.now()): boolean {
  const timestamp = headers['x-slack-request-timestamp'];
  if (typeof timestamp !== 'string' || !/^\d{1,12}$/.test(timestamp)) return false;
  return Math.abs(nowMs / 1000 - Number(timestamp)) <= MAX_AGE_SECONDS;
}

export interface FastPathDeps {
  signingSecret: string;
  identity: InboundContext;
  log: Logger;
  /** The adapter's own `receive`: resolves once the event is durably in the inbox. */
  receive(event: InboundEvent | null): Promise<void>;
}

/** The shape `ops/front-door.ts` takes (structural: the adapter does not import ops/). */
export interface SlackEventsRoute {
  accepts(req: IncomingMessage): boolean;
  handle(
    req: IncomingMessage & { rawBody?: Buffer },
    res: ServerResponse,
    context: { requestId: string; fallThrough(): void },
  ): void;
}

type Envelope = SlackEventEnvelope & { type?: string; event?: { type?: string } };

/** Slack's request signature (`v0=` HMAC-SHA256 of `v0:<timestamp>:<body>`), compared in constant time. */
export function hasValidSignature(
  secret: string,
  body: Buffer,
  headers: IncomingMessage['headers'],
  nowMs = Date.now(),
): boolean {
  const timestamp = headers['x-slack-request-timestamp'];
  const signature = headers['x-slack-signature'];
  if (typeof timestamp !== 'string' || typeof signature !== 'string') return false;
  if (!isWithinReplayWindow(headers, nowMs)) return false;
  const wanted = Buffer.from(`v0=${crypto.createHmac('sha256', secret).update(`v0:${timestamp}:`).update(body).digest('hex')}`);
  const given = Buffer.from(signature);
  return given.length === wanted.length && crypto.timingSafeEqual(given, wanted);
}

/** The envelope when this request is a signed reaction or message event for the fast path, else null. */
function fastEnvelope(secret: string, body: Buffer, headers: IncomingMessage['headers']): Envelope | null {
  if (!hasValidSignature(secret, body, headers)) return null;
  let envelope: Envelope;
  try {
    envelope = JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
  if (envelope?.type !== 'event_callback' || !FAST_TYPES.has(String(envelope.event?.type))) return null;
  return envelope;
}

/**
 * Stores the event this request carries when it is one for the fast path, and resolves to the status
 * to answer: 200 once it is in the inbox, 500 if it could not be stored (Slack delivers it again).
 * Null when the request is not for the fast path: the caller hands it on to Bolt.
 */
function recordFastEvent(
  deps: FastPathDeps,
  body: Buffer,
  headers: IncomingMessage['headers'],
  requestId: unknown,
): Promise<200 | 500> | null {
  const envelope = fastEnvelope(deps.signingSecret, body, headers);
  if (!envelope) return null;
  let event: InboundEvent | null;
  try {
    event = fromEventEnvelope(envelope, deps.identity);
  } catch {
    return null;
  }
  return deps.receive(event).then(
    () => 200 as const,
    (failure: unknown) => {
      deps.log.error('Slack event could not be recorded', { requestId, error: failure });
      return 500 as const;
    },
  );
}

function isJson(req: IncomingMessage): boolean {
  const type = req.headers['content-type'];
  return typeof type === 'string' && /^application\/json\s*(;|$)/i.test(type);
}

export function slackEventsRoute(deps: FastPathDeps): SlackEventsRoute {
  return {
    accepts(req) {
      const length = Number(req.headers['content-length']);
      return isJson(req) && Number.isInteger(length) && length <= MAX_BODY && 'x-slack-signature' in req.headers;
    },
    handle(req, res, { requestId, fallThrough }) {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.once('error', () => res.destroy());
      req.once('end', () => {
        const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
        req.rawBody = body;
        const recorded = recordFastEvent(deps, body, req.headers, requestId);
        if (!recorded) return fallThrough();
        void recorded.then((status) => res.writeHead(status, { 'content-length': '0' }).end());
      });
    },
  };
}

/**
 * The same path inside Express, for requests the front door did not take (no Content-Length, or an
 * app without a front door): reads the body, then either stores the event or hands on to Bolt.
 */
export function eventsFastPath(deps: FastPathDeps): RequestHandler {
  // Bolt's own limit is 4 MB; Slack event envelopes are a few kilobytes.
  const readBody = express.raw({ type: () => true, limit: MAX_BODY });
  return (req: Request, res: Response, next: NextFunction) => {
    // Bolt's own check lets a timestamp from the future through: refuse it here, for every request
    // Bolt would otherwise take (commands, interactivity, and what the front door hands back).
    if (req.get('x-slack-signature') !== undefined && !isWithinReplayWindow(req.headers)) {
      deps.log.warn('Slack request refused: its timestamp is outside the five-minute window', { requestId: req.id });
      // An empty 401, as Bolt answers a bad signature; the app's request context adds the JSON body.
      return void res.status(401).send();
    }
    const withBody = req as Request & { rawBody?: Buffer };
    // Given back by the front door: already found not to be for the fast path.
    if (withBody.rawBody) return next();
    readBody(req, res, (error?: unknown) => {
      if (error) return next(error);
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      withBody.rawBody = body;
      const recorded = isJson(req) ? recordFastEvent(deps, body, req.headers, req.id) : null;
      if (!recorded) return next();
      void recorded.then((status) => res.status(status).end());
    });
  };
}
