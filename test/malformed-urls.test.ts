/**
 * Addresses with a malformed percent-encoding (`%ff` is no UTF-8) on every route family: the
 * gallery's pages and JSON, its media, the local chat (page, uploads, API) and the `mes données`
 * exports. Each answers 400 or the friendly 404, never a 500 nor a framework's default page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootApp, type TestApp } from './support/app.js';
import { describeEngines } from './support/temp-db.js';

describeEngines('malformed percent-encoding', (engine) => {
  const PAGES = [
    '/bricolages/%ff',
    '/bricolages/%ff/fiche',
    '/agents/%ff',
    '/mairies/%ff',
    '/categories/%ff',
    '/categories/%ff/feed.atom',
    '/ateliers/%ff',
    '/media/%ff',
    '/media/%ff-400.webp',
    '/exports/%ff',
    '/exports/%ff%fe',
    '/chat/%ff',
    '/chat/uploads/%ff',
    '/%ff',
  ];
  const JSON_ROUTES = ['/bricolages/%ff.json', '/categories/%ff.json', '/chat/api/channels/%ff/messages?as=julien'];

  describe('malformed percent-encoding', () => {
    let app: TestApp;

    beforeAll(async () => {
      app = await bootApp({ LOCAL_CHAT: 'true' }, undefined, engine);
    });

    afterAll(async () => {
      await app?.close();
    });

    it.each(PAGES)('%s answers the friendly page with 400 or 404, never 500', async (path) => {
      const res = await fetch(`${app.url}${path}`);
      const body = await res.text();
      expect([400, 404]).toContain(res.status);
      expect(body).not.toMatch(/Cannot GET|URIError|Failed to decode/);
      if ((res.headers.get('content-type') ?? '').includes('html')) expect(body).toContain('Page introuvable');
    });

    it.each(JSON_ROUTES)('%s answers JSON with 400 or 404, never 500', async (path) => {
      const res = await fetch(`${app.url}${path}`);
      expect([400, 404]).toContain(res.status);
      expect(res.headers.get('content-type')).toContain('application/json');
      expect(JSON.stringify(await res.json())).not.toMatch(/URIError|Failed to decode/);
    });

    it('chat writes with a malformed id answer JSON 400 or 404', async () => {
      const res = await fetch(`${app.url}/chat/api/messages/%ff/reactions/%ff`, {
        method: 'DELETE',
        headers: { 'x-local-chat': '1' },
      });
      expect([400, 404]).toContain(res.status);
      expect(res.headers.get('content-type')).toContain('application/json');
    });
  });
});
