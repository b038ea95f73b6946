/**
 * The Events API's hot path: a signed `event_callback` carrying a reaction or a message goes from
 * the request straight to the same translation (`fromEventEnvelope`) and the inbox, then Slack gets
 * its 200, without Bolt's per-request dispatch (listener matching, authorize, context). Everything
 * else (URL verification, bad signatures, other event types) is handed on to Bolt's receiver with the
 * body already read (`req.rawBody`, which Bolt reads first), so Bolt answers it exactly as before.
 */
import { isValidSlackRequest } from '@slack/bolt';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { InboundEvent } from '../../bot/ports.js';
import type { Logger } from '../../log.js';
import { fromEventEnvelope, type InboundContext, type SlackEventEnvelope } from './inbound.js';

const FAST_TYPES = new Set(['reaction_added', 'reaction_removed', 'message']);

export interface FastPathDeps {
  signingSecret: string;
  identity: InboundContext;
  log: Logger;
  /** The adapter's own `receive`: resolves once the event is durably in the inbox. */
  receive(event: InboundEvent | null): Promise<void>;
}

export function eventsFastPath(deps: FastPathDeps): RequestHandler {
  // Bolt's own limit is 4 MB; Slack event envelopes are a few kilobytes.
  const readBody = express.raw({ type: () => true, limit: '1mb' });
  return (req: Request, res: Response, next: NextFunction) => {
    readBody(req, res, (error?: unknown) => {
      if (error) return next(error);
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      (req as Request & { rawBody?: Buffer }).rawBody = raw;
      if (!req.is('application/json')) return next();
      const body = raw.toString('utf8');
      const valid = isValidSlackRequest({
        signingSecret: deps.signingSecret,
        body,
        headers: {
          'x-slack-signature': req.get('x-slack-signature') ?? '',
          'x-slack-request-timestamp': Number(req.get('x-slack-request-timestamp')),
        },
      });
      if (!valid) return next();
      let envelope: SlackEventEnvelope & { type?: string; event?: { type?: string } };
      try {
        envelope = JSON.parse(body);
      } catch {
        return next();
      }
      if (envelope?.type !== 'event_callback' || !FAST_TYPES.has(String(envelope.event?.type))) return next();
      deps.receive(fromEventEnvelope(envelope, deps.identity)).then(
        () => res.status(200).end(),
        (failure: unknown) => {
          // Not stored: a 500 makes Slack deliver it again.
          deps.log.error('Slack event could not be recorded', { error: failure });
          res.status(500).end();
        },
      );
    });
  };
}
