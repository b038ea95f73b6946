/**
 * Personal downloads over HTTP: `GET /exports/<token>` serves the `mes données` JSON export of the
 * agent the token was made for. The token is 256 random bits, stored hashed, and expires after
 * 24 h (`storage/data-exports.ts`); nothing here lists, guesses or changes data.
 */
import express from 'express';
import { exportAgentData } from '../storage/agent-data.js';
import { agentOfExportToken } from '../storage/data-exports.js';
import type { Db } from '../storage/db.js';

export function createDownloads(deps: { db: Db }): express.Router {
  const router = express.Router();
  router.get('/exports/:token', (req, res, next) => {
    res.set('Cache-Control', 'no-store');
    res.set('Referrer-Policy', 'no-referrer');
    res.set('X-Robots-Tag', 'noindex');
    res.set('X-Content-Type-Options', 'nosniff');
    (async () => {
      const agentId = await agentOfExportToken(deps.db, String(req.params.token));
      const data = agentId === null ? null : await exportAgentData(deps.db, agentId);
      // Unknown, expired and forgotten look the same: a link reveals nothing once it is dead.
      if (!data) return void res.status(404).json({ error: 'not_found' });
      res.attachment(`bricoleur-${data.exportedAt.slice(0, 10)}.json`);
      res.type('application/json').send(JSON.stringify(data, null, 2));
    })().catch(next);
  });
  return router;
}
