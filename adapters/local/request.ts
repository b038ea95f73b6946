/**
 * Reading the local chat's requests: who acts, which message, what text, and the cross-site guard.
 * Each refusal is a `ChatError` the router turns into friendly JSON.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { NextFunction, Request, Response } from 'express';
import { LIMITS } from '../../bot/wizard/state.js';
import { hostName } from '../../config.js';
import { type DemoAgent, findDemoAgent } from './agents.js';
import { ChatError, sendError } from './errors.js';
import type { ActionStamp } from './inbound.js';

export const REACTION_EMOJIS = ['👍', '❤️', '🎉', '💡', '👏'] as const;
/** Files per message: what one step of a bricolage can hold, so no upload is taken only to be dropped. */
export const MAX_PHOTOS = LIMITS.photosPerStep;
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

// local chat hosts (DNS rebinding)
/**
 * Refuses any `Host` the local chat was not configured for (`config.localChatHosts`), on every one
 * of its routes: the page, its API, uploads and live updates. The local chat has no login, so a
 * page served from another name that resolves to this machine (DNS rebinding) must not read or
 * post as an agent. 421 Misdirected Request: JSON on the API, a short page (French, then English)
 * elsewhere.
 */
export function hostGuard(allowed: readonly string[], publicDir: string) {
  const names = new Set(allowed);
  let page: string | null = null;
  return (req: Request, res: Response, next: NextFunction): void => {
    const name = hostName(req.get('host') ?? '');
    if (name && names.has(name)) return next();
    res.set('Cache-Control', 'no-store');
    if (req.path.startsWith('/api/') || req.path === '/api') return sendError(res, 421, 'wrong_host');
    page ??= fs.readFileSync(path.join(publicDir, 'wrong-host.html'), 'utf8');
    res.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'");
    res.status(421).type('html').send(page);
  };
}
