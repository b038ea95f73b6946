/**
 * The read-only web gallery: an Express router with GET/HEAD routes only, mounted last at '/'.
 * Pages are server-rendered and need no JavaScript; every page also answers as JSON (see API.md).
 */
import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Config } from '../config.js';
import { createLogger } from '../log.js';
import { type DataVersionSource, dataVersionSource } from '../storage/data-version.js';
import type { Db } from '../storage/db.js';
import type { GalleryDeps } from './deps.js';
import { createTranslator, loadCatalogues } from './i18n.js';
import { mediaRoute } from './media.js';
import { createPageCache } from './page-cache.js';
import { agentPage } from './pages/agent.js';
import { bricolagePage } from './pages/bricolage.js';
import { challengePage, challengesPage } from './pages/challenges.js';
import { notFoundHandler, readOnlyGuard, sendError } from './pages/errors.js';
import { feedPage } from './pages/feed.js';
import { homePage } from './pages/home.js';
import { listPage, redirectOldSearch } from './pages/list.js';
import { mairiePage } from './pages/mairie.js';
import { provenPage } from './pages/proven.js';
import { rankingPage } from './pages/ranking.js';
import { sheetPage } from './pages/sheet.js';
import { statsPage } from './pages/stats.js';
import { workshopPage, workshopsPage } from './pages/workshops.js';
import { projectRoot } from './project-root.js';
import { createRenderer } from './render.js';
import { servePage } from './serve-page.js';

/** Scripts are never needed; images and styles come from this server only. */
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";

/** `dataVersion`: by default read from the database per request (see `dataVersionSource`). */
export function createGallery(deps: { db: Db; config: Config; dataVersion?: DataVersionSource }): express.Router {
  const log = createLogger('gallery');
  const full: GalleryDeps = {
    ...deps,
    dataVersion: deps.dataVersion ?? dataVersionSource(deps.db, null),
    renderer: createRenderer(),
    translate: createTranslator(loadCatalogues()),
    cache: createPageCache(),
  };
  const router = express.Router({ strict: false, caseSensitive: true });

  router.use(readOnlyGuard(full));
  router.use((_req, res, next) => {
    res.set({
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'same-origin',
    });
    next();
  });

  router.get('/healthz', async (_req, res) => {
    await deps.db.selectFrom('bricolages').select('id').limit(1).execute();
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });

  router.get('/media/:file', mediaRoute(deps));

  router.use(
    '/static',
    express.static(path.join(projectRoot(), 'gallery', 'public'), {
      maxAge: '1h',
      index: false,
      redirect: false,
      dotfiles: 'ignore',
    }),
  );

  const page = (build: Parameters<typeof servePage>[1]) => servePage(full, build);
  // The leaderboard and the statistics aggregate every like, comment and adoption: rebuilt at most
  // once a minute, so a burst of likes never runs them again and again on the one event loop.
  const costlyPage = (build: Parameters<typeof servePage>[1]) => servePage(full, build, { maxStaleMs: 60_000 });
  router.get(['/', '/index.html'], page(homePage(full, 'html')));
  router.get('/index.json', page(homePage(full, 'json')));
  router.get('/bricolages', redirectOldSearch, page(listPage(full, 'browse', 'html')));
  router.get('/bricolages.json', redirectOldSearch, page(listPage(full, 'browse', 'json')));
  router.get('/recherche', page(listPage(full, 'search', 'html')));
  router.get('/recherche.json', page(listPage(full, 'search', 'json')));
  router.get('/categories/:slug.json', page(listPage(full, 'category', 'json')));
  router.get('/categories/:slug/feed.atom', page(feedPage(full, true)));
  router.get('/categories/:slug', page(listPage(full, 'category', 'html')));
  router.get('/feed.atom', page(feedPage(full, false)));
  router.get('/bricolages/:id/fiche', page(sheetPage(full)));
  router.get('/bricolages/:file', page(bricolagePage(full)));
  router.get('/agents/:id', page(agentPage(full)));
  router.get('/mairies/:slug', page(mairiePage(full)));
  router.get('/classement', costlyPage(rankingPage(full, 'html')));
  router.get('/classement.json', costlyPage(rankingPage(full, 'json')));
  router.get('/ateliers', page(workshopsPage(full, 'html')));
  router.get('/ateliers.json', page(workshopsPage(full, 'json')));
  router.get('/ateliers/:id', page(workshopPage(full)));
  router.get('/defis', page(challengesPage(full, 'html')));
  router.get('/defis.json', page(challengesPage(full, 'json')));
  router.get('/defis/:id', page(challengePage(full)));
  router.get('/stats', costlyPage(statsPage(full, 'html')));
  router.get('/stats.json', costlyPage(statsPage(full, 'json')));
  router.get('/preuves', page(provenPage(full, 'html')));
  router.get('/preuves.json', page(provenPage(full, 'json')));
  router.get('/preuves.csv', page(provenPage(full, 'csv')));
  router.get('/preuves/rapport', page(provenPage(full, 'report')));

  router.use(notFoundHandler(full));
  router.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    // A client error (the router's 400 for a malformed percent-encoding such as `/bricolages/%ff`)
    // names no page we have: the friendly 404, not a server error.
    const status = Number((error as { status?: unknown } | null)?.status);
    const clientError = status >= 400 && status < 500;
    if (clientError) log.warn('gallery address refused', { path: req.path, status });
    else log.error('gallery page failed', { path: req.path, error });
    if (res.headersSent) return;
    try {
      sendError(full, req, res, clientError ? 'notFound' : 'serverError');
    } catch {
      res.status(500).type('text').send('500');
    }
  });
  return router;
}
