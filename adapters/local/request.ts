/**
 * Reading the local chat's requests: who acts, which message, what text, and the cross-site guard.
 * Each refusal is a `ChatError` the router turns into friendly JSON.
 */
import crypto from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { type DemoAgent, findDemoAgent } from './agents.js';
import { ChatError, sendError } from './errors.js';
import type { ActionStamp } from './inbound.js';

export const REACTION_EMOJIS = ['👍', '❤️', '🎉', '💡', '👏'] as const;
export const MAX_PHOTOS = 10;
export const MAX_TEXT = 4000;

let counter = 0;
export function stamp(): ActionStamp {
  counter += 1;
  return { at: new Date().toISOString(), nonce: `${Date.now().toString(36)}${counter}${crypto.randomBytes(3).toString('hex')}` };
}

/** Refuses cross-site writes: the page always sends `X-Local-Chat: 1`, and its Origin is ours. */
export function csrfGuard(req: Request, res: Response, next: NextFunction): void {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
  const origin = req.get('origin');
  if (origin !== undefined) {
    let sameHost = false;
    try {
      sameHost = new URL(origin).host === req.get('host');
    } catch {
      sameHost = false;
    }
    if (!sameHost) return sendError(res, 403, 'csrf');
  }
  if (req.get('x-local-chat') !== '1') return sendError(res, 403, 'csrf');
  next();
}

export function field(body: unknown, name: string): unknown {
  return body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
}

export function actor(value: unknown): DemoAgent {
  const agent = findDemoAgent(value);
  if (!agent) throw new ChatError(400, 'bad_user');
  return agent;
}

export function messageId(raw: string | string[] | undefined): number {
  const id = typeof raw === 'string' && /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id) || id <= 0) throw new ChatError(404, 'not_found');
  return id;
}

export function cleanText(value: unknown, allowEmpty: boolean): string {
  if (value !== undefined && typeof value !== 'string') throw new ChatError(400, 'bad_request');
  const text = (value ?? '').replace(/\r\n?/g, '\n').trim();
  if (text.length > MAX_TEXT) throw new ChatError(400, 'too_long');
  if (!allowEmpty && text === '') throw new ChatError(400, 'empty');
  return text;
}
