/** Friendly error pages: not found, method not allowed (the gallery is read-only), server error. */
import type { NextFunction, Request, Response } from 'express';
import { pageContext } from '../context.js';
import type { GalleryDeps } from '../deps.js';

type Kind = 'notFound' | 'methodNotAllowed' | 'serverError';
const STATUS: Record<Kind, number> = { notFound: 404, methodNotAllowed: 405, serverError: 500 };

/** Needs only the renderer and the translations, so the app's last error handler can use it too. */
export function sendError(
  deps: Pick<GalleryDeps, 'config' | 'translate' | 'renderer'>,
  req: Request,
  res: Response,
  kind: Kind,
): void {
  const ctx = pageContext(req, deps.config, deps.translate);
  res.status(STATUS[kind]);
  if (kind === 'methodNotAllowed') res.set('Allow', 'GET, HEAD');
  res.set('Cache-Control', 'no-store');
  if (req.path.endsWith('.json')) {
    res.json({ error: ctx.t(`error.${kind}.title`) });
    return;
  }
  res.type('html').send(
    deps.renderer.render('error', ctx, {
      title: ctx.t(`error.${kind}.title`),
      heading: ctx.t(`error.${kind}.title`),
      message: ctx.t(`error.${kind}.message`),
      homeHref: ctx.href('/'),
      listHref: ctx.href('/bricolages'),
    }),
  );
}

export function notFoundHandler(deps: GalleryDeps) {
  return (req: Request, res: Response) => sendError(deps, req, res, 'notFound');
}

/** Anything but GET/HEAD: the gallery never changes data. */
export function readOnlyGuard(deps: GalleryDeps) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    sendError(deps, req, res, 'methodNotAllowed');
  };
}
