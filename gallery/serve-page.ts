/**
 * Wraps a page builder with the page cache: the data version per request (one indexed read, or from
 * memory on PostgreSQL), the cached bytes when still valid, one build at a time per page when they
 * are not (see `PageCache.load`: the request that finds no build under way builds and waits; those
 * that come while it is under way get the older copy at once), `ETag` / `304 Not Modified`, and HEAD without a body.
 * Builders return null for "no such page" (the 404 page follows).
 */
import type { NextFunction, Request, Response } from 'express';
import { type PageContext, pageContext } from './context.js';
import type { GalleryDeps } from './deps.js';
import type { CachedPage } from './page-cache.js';

export const CONTENT_TYPES = {
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  csv: 'text/csv; charset=utf-8',
} as const;

export interface PageResult {
  type: keyof typeof CONTENT_TYPES;
  body: string | Buffer;
  status?: number;
}

export type PageBuilder = (req: Request, ctx: PageContext) => Promise<PageResult | null>;

export const html = (body: string): PageResult => ({ type: 'html', body });
export const json = (value: unknown): PageResult => ({ type: 'json', body: JSON.stringify(value) });

/** `maxStaleMs`: see `PageCache.get` (costly pages may lag writes by that long). */
export function servePage(deps: GalleryDeps, build: PageBuilder, options: { maxStaleMs?: number } = {}) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const ctx = pageContext(req, deps.config, deps.translate);
    const key = `${ctx.locale}${ctx.explicitLang ? '!' : ''} ${req.originalUrl}`;
    const version = await deps.dataVersion.current();
    // A shared build answers every request of the same key, which names all the page depends on.
    const page = await deps.cache.load(
      key,
      version,
      async () => {
        const result = await build(req, ctx);
        return result && { status: result.status ?? 200, contentType: CONTENT_TYPES[result.type], body: result.body };
      },
      options.maxStaleMs,
    );
    if (!page) return next();
    send(req, res, page);
  };
}

export function send(req: Request, res: Response, page: CachedPage): void {
  res.setHeader('ETag', page.etag);
  res.setHeader('Cache-Control', 'no-cache');
  res.setHeader('Vary', 'Accept-Language');
  if (page.status === 200 && matches(req.headers['if-none-match'], page.etag)) {
    res.statusCode = 304;
    res.end();
    return;
  }
  res.statusCode = page.status;
  res.setHeader('Content-Type', page.contentType);
  res.setHeader('Content-Length', page.body.length);
  // Node sends no body for HEAD.
  res.end(page.body);
}

function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header === '*' || header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
