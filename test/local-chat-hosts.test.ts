/**
 * DNS rebinding: the local chat has no login, so it answers only the host names it was configured
 * for (localhost, 127.0.0.1, [::1], the host of PUBLIC_URL, LOCAL_CHAT_HOSTS). A request naming any
 * other host (a page served from `rebind.example` whose name now resolves to this machine) is
 * refused with 421 on the page, the API, uploads and live updates, and posts nothing. The real
 * server, and Chromium resolving `rebind.example` to 127.0.0.1 as a rebinding attacker's DNS would.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { bootApp, type TestApp } from './support/app.js';
import { axeViolations, chromiumAvailable, launchBrowser, warnIfNoChromium } from './support/browser.js';
import { describeEngines } from './support/temp-db.js';

describeEngines('local chat host names', (engine) => {
  warnIfNoChromium('local chat hosts in the browser');

  interface Answer {
    status: number;
    type: string;
    body: string;
  }

  /** A request with an explicit Host header (fetch does not let a test choose it). */
  function request(
    base: string,
    path: string,
    host: string,
    init: { method?: string; headers?: Record<string, string>; body?: string } = {},
  ) {
    const target = new URL(path, base);
    return new Promise<Answer>((resolve, reject) => {
      const req = http.request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname + target.search,
          method: init.method ?? 'GET',
          headers: { ...init.headers, host },
          setHost: false,
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk) => {
            body += chunk;
            // Live updates never end: the first bytes are enough.
            if (String(res.headers['content-type']).startsWith('text/event-stream')) res.destroy();
          });
          res.on('close', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body }));
        },
      );
      req.on('error', reject);
      req.end(init.body);
    });
  }

  let app: TestApp;
  let port: string;

  beforeAll(async () => {
    app = await bootApp({ LOCAL_CHAT: 'true', LOCAL_CHAT_HOSTS: 'bricoleur.lan, Demo.Mairie.local:8080' }, undefined, engine);
    port = new URL(app.url).port;
  });
  afterAll(async () => {
    await app?.close();
  });

  describe('local chat host names', () => {
    it('lists the loopback names, the host of PUBLIC_URL and LOCAL_CHAT_HOSTS', () => {
      const config = loadConfig({ PUBLIC_URL: 'https://bricoleur.paris.fr', LOCAL_CHAT_HOSTS: 'salle-b.lan' });
      expect(config.localChatHosts).toEqual(['localhost', '127.0.0.1', '[::1]', 'bricoleur.paris.fr', 'salle-b.lan']);
      expect(() => loadConfig({ LOCAL_CHAT_HOSTS: 'a b' })).toThrow(/LOCAL_CHAT_HOSTS/);
    });

    it.each(['localhost', '127.0.0.1', '[::1]', 'bricoleur.lan', 'demo.mairie.local', 'LOCALHOST'])(
      'answers the chat at %s',
      async (name) => {
        const res = await request(app.url, '/chat/api/agents', `${name}:${port}`, { headers: { 'x-local-chat': '1' } });
        expect(res.status).toBe(200);
        expect(JSON.parse(res.body).agents.length).toBeGreaterThan(0);
      },
    );

    it('refuses another host with 421 on the page, the API, uploads and live updates', async () => {
      const host = `rebind.example:${port}`;
      const page = await request(app.url, '/chat/', host);
      expect(page.status).toBe(421);
      expect(page.type).toContain('text/html');
      expect(page.body).toContain('Adresse non reconnue');
      expect(page.body).toContain('LOCAL_CHAT_HOSTS');
      for (const path of [
        '/chat/api/agents',
        '/chat/api/channels/dm:camille/messages?as=camille',
        '/chat/api/events?as=camille',
      ]) {
        const res = await request(app.url, path, host, { headers: { 'x-local-chat': '1' } });
        expect(res.status, path).toBe(421);
        expect(JSON.parse(res.body)).toMatchObject({ error: 'wrong_host' });
      }
      const upload = await request(app.url, `/chat/uploads/${'a'.repeat(32)}`, host);
      expect(upload.status).toBe(421);
      const asset = await request(app.url, '/chat/chat.js', host);
      expect(asset.status).toBe(421);
    });

    it('posts nothing for a rebound page, even with the page’s header and a matching Origin', async () => {
      const before = await app.db.selectFrom('local_messages').select('id').execute();
      const res = await request(app.url, '/chat/api/messages', `rebind.example:${port}`, {
        method: 'POST',
        headers: { 'x-local-chat': '1', origin: `http://rebind.example:${port}`, 'content-type': 'application/json' },
        body: JSON.stringify({ as: 'julien', channel: 'communaute', text: 'posté par un autre site' }),
      });
      expect(res.status).toBe(421);
      expect(await app.db.selectFrom('local_messages').select('id').execute()).toEqual(before);
    });

    it('leaves the read-only gallery to any host name', async () => {
      expect((await request(app.url, '/', `rebind.example:${port}`)).status).toBe(200);
    });

    it.skipIf(!chromiumAvailable())(
      'shows a rebound browser the friendly page, accessible, and refuses its API calls',
      async () => {
        const browser = await launchBrowser(['--host-resolver-rules=MAP rebind.example 127.0.0.1']);
        try {
          const page = await browser.newPage();
          const response = await page.goto(`http://rebind.example:${port}/chat/`);
          expect(response?.status()).toBe(421);
          await expect(page.locator('h1').textContent()).resolves.toBe('Adresse non reconnue');
          expect(await axeViolations(page)).toEqual([]);
          // A script of a page at that name (here the gallery, which any name may read) calling the chat's API.
          await page.goto(`http://rebind.example:${port}/`);
          const status = await page.evaluate(
            async () => (await fetch('/chat/api/agents', { headers: { 'X-Local-Chat': '1' } })).status,
          );
          expect(status).toBe(421);
        } finally {
          await browser.close();
        }
      },
    );
  });
});
