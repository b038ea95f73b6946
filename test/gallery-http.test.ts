/** The gallery over real HTTP, on a real migrated SQLite file filled through the storage repositories. */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { ensureAgent } from '../storage/agents.js';
import { insertBricolage } from '../storage/bricolages.js';
import { nowIso } from '../storage/db.js';
import { createLocalStore } from '../storage/media/local-store.js';
import { storePhoto } from '../storage/photos.js';
import { type GalleryServer, startGalleryServer } from './support/gallery-server.js';
import { createTempDb, describeEngines, type TempDb } from './support/temp-db.js';

describeEngines('gallery over HTTP', (engine) => {
  const PUBLIC_URL = 'https://bricoleur.example.org';
  let temp: TempDb;
  let server: GalleryServer | undefined;
  let base: string;
  let ids: { shown: number; hidden: number; draft: number; other: number };
  let photoHash: string;
  let commentPhotoHash: string;
  let agents: Record<'author' | 'karim' | 'sophie' | 'lucie', number>;

  async function photo(color: string, width: number, height: number): Promise<string> {
    const bytes = await sharp({ create: { width, height, channels: 3, background: color } })
      .png()
      .toBuffer();
    const result = await storePhoto(temp.db, createLocalStore(path.join(temp.dir, 'media')), bytes, 10_000_000);
    if (!result.ok) throw new Error(result.reason);
    return result.photo.hash;
  }

  beforeAll(async () => {
    temp = await createTempDb({ engine });
    const config = loadConfig({ DATA_DIR: temp.dir, PUBLIC_URL, SEED_DEMO: 'false', PORT: '0' });
    const db = temp.db;
    const who = (id: string, name: string, mairie: string) =>
      ensureAgent(db, { platform: 'local', platformUserId: id, displayName: name, mairie });
    agents = {
      author: (await who('camille', 'Camille Martin', '11e')).id,
      karim: (await who('karim', 'Karim Benali', '18e')).id,
      sophie: (await who('sophie', 'Sophie Lefèvre', '5e')).id,
      lucie: (await who('lucie', 'Lucie Bernard', '3e')).id,
    };
    photoHash = await photo('#2f6fb0', 1000, 750);
    commentPhotoHash = await photo('#d9792b', 600, 600);

    const shown = await insertBricolage(db, {
      authorId: agents.author,
      title: 'Ticket <script>alert(1)</script> coloré',
      problem: "La file d'attente du service État civil s'allonge le lundi matin.",
      category: "Accueil et files d'attente",
      at: '2026-03-02T09:00:00.000Z',
      steps: [
        { text: 'Imprimer des tickets de couleur, une couleur par guichet.', photoHashes: [photoHash] },
        { text: 'Afficher la légende des couleurs à l’entrée.', photoHashes: [] },
      ],
    });
    const other = await insertBricolage(db, {
      authorId: agents.karim,
      title: 'Tableur du courrier entrant',
      problem: 'Le courrier se perd entre les services.',
      category: 'Courrier et documents',
      at: '2026-03-05T09:00:00.000Z',
      steps: [{ text: 'Une ligne par pli, une colonne par service.', photoHashes: [] }],
    });
    const hidden = await insertBricolage(db, {
      authorId: agents.author,
      title: 'Astuce masquée',
      problem: 'x',
      category: 'Autre',
      status: 'hidden',
      steps: [{ text: 'x', photoHashes: [] }],
    });
    const draft = await insertBricolage(db, {
      authorId: agents.author,
      title: 'Brouillon secret',
      problem: 'x',
      category: 'Autre',
      status: 'draft',
      steps: [{ text: 'x', photoHashes: [] }],
    });
    ids = { shown, hidden, draft, other };
    await db
      .updateTable('bricolages')
      .set({ chat_platform: 'slack', chat_permalink: 'https://slack.example/archives/C1/p1' })
      .where('id', '=', shown)
      .execute();

    const like = (agentId: number, emoji: string, bricolageId = shown) =>
      db.insertInto('likes').values({ bricolage_id: bricolageId, agent_id: agentId, emoji, created_at: nowIso() }).execute();
    await like(agents.karim, '👍');
    await like(agents.karim, '🎉'); // same agent, second emoji: still one like
    await like(agents.sophie, '❤️');
    await like(agents.author, '👍'); // the author's own reaction does not count

    const { id: commentId } = await db
      .insertInto('comments')
      .values({
        bricolage_id: shown,
        author_id: agents.sophie,
        text: 'Bravo <b>super</b> idée !',
        status: 'visible',
        created_at: '2026-03-03T10:00:00.000Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('comment_photos').values({ comment_id: commentId, photo_hash: commentPhotoHash, position: 0 }).execute();
    await db
      .insertInto('comments')
      .values({
        bricolage_id: shown,
        author_id: agents.lucie,
        text: 'Commentaire masqué',
        status: 'hidden',
        created_at: '2026-03-03T11:00:00.000Z',
      })
      .execute();
    await db
      .insertInto('adoptions')
      .values({
        bricolage_id: shown,
        agent_id: agents.lucie,
        mairie: 'paris-3',
        feedback: 'Adopté chez nous, la file a fondu.',
        created_at: '2026-03-10T10:00:00.000Z',
      })
      .execute();

    server = await startGalleryServer({ db, config });
    base = server.base;
  });

  afterAll(async () => {
    await server?.close();
    await temp?.cleanup();
  });

  const get = (p: string, headers: Record<string, string> = {}) => fetch(base + p, { headers });
  const request = (p: string, init: RequestInit) => fetch(base + p, init);
  /** The page's HTML with Handlebars' `=` escape in attributes turned back, for readable assertions. */
  const page = async (p: string, headers: Record<string, string> = {}) =>
    (await (await get(p, headers)).text()).replaceAll('&#x3D;', '=');

  describe('gallery over HTTP', () => {
    it('answers the health check after a database query', async () => {
      const res = await get('/healthz');
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok' });
    });

    it('lists published bricolages on the home page, escaped, without hidden or draft ones', async () => {
      const res = await get('/');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      const html = await res.text();
      expect(html).toContain('<html lang="fr">');
      expect(html).toContain('Ticket &lt;script&gt;alert(1)&lt;/script&gt; coloré');
      expect(html).not.toContain('<script>alert(1)</script>');
      expect(html).toContain('Tableur du courrier entrant');
      expect(html).toContain(`href="/bricolages/${ids.shown}"`);
      expect(html).toContain('Camille Martin');
      expect(html).toContain('2 j&#x27;aime');
      expect(html).not.toContain('Astuce masquée');
      expect(html).not.toContain('Brouillon secret');
      expect(html.match(/<h1[ >]/g)).toHaveLength(1);
    });

    it('shows a bricolage with numbered steps, responsive photos, likers, visible comments and adoptions', async () => {
      const res = await get(`/bricolages/${ids.shown}`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('<h1 class="bricolage__title">Ticket &lt;script&gt;alert(1)&lt;/script&gt; coloré</h1>');
      expect(html).toContain('Étape 1');
      expect(html).toContain('Étape 2');
      expect(html).toContain('Imprimer des tickets de couleur, une couleur par guichet.');
      expect(html).toContain(`srcset="/media/${photoHash}-400.webp 400w, /media/${photoHash}-800.webp 800w"`);
      expect(html).toMatch(
        /<img src="\/media\/[0-9a-f]{64}-800\.webp"[^>]* sizes="[^"]+" width="800" height="600" alt="Étape 1 — photo 1\u00a0: Imprimer des tickets de couleur[^"]*" loading="lazy"/,
      );
      expect(html).toContain('2 j&#x27;aime');
      expect(html).toContain('Karim Benali');
      expect(html).toContain('Sophie Lefèvre');
      expect(html).toContain('Bravo &lt;b&gt;super&lt;/b&gt; idée !');
      expect(html).toContain(`/media/${commentPhotoHash}-400.webp`);
      expect(html).not.toContain('Commentaire masqué');
      expect(html).toContain('Adopté chez nous, la file a fondu.');
      expect(html).toContain('href="https://slack.example/archives/C1/p1"');
      expect(html).toContain('3 mars 2026');
    });

    it('gives the documented JSON for a bricolage', async () => {
      const res = await get(`/bricolages/${ids.shown}.json`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      const body = await res.json();
      const media = (hash: string, w: number) => ({ url: `${PUBLIC_URL}/media/${hash}-${w}.webp`, width: w });
      // One entry per photo: its widest rendition (with the real size) and every rendition.
      const photo = (hash: string, widths: number[], width: number, height: number) => ({
        ...media(hash, widths[widths.length - 1]),
        width,
        height,
        renditions: widths.map((w) => media(hash, w)),
      });
      expect(body).toEqual({
        id: ids.shown,
        url: `${PUBLIC_URL}/bricolages/${ids.shown}`,
        title: 'Ticket <script>alert(1)</script> coloré',
        problem: "La file d'attente du service État civil s'allonge le lundi matin.",
        category: "Accueil et files d'attente",
        status: 'published',
        createdAt: '2026-03-02T09:00:00.000Z',
        author: { id: agents.author, name: 'Camille Martin', mairie: 'paris-11' },
        steps: [
          {
            position: 1,
            text: 'Imprimer des tickets de couleur, une couleur par guichet.',
            photos: [photo(photoHash, [400, 800], 800, 600)],
          },
          { position: 2, text: 'Afficher la légende des couleurs à l’entrée.', photos: [] },
        ],
        likes: {
          count: 2,
          by: [
            { id: agents.karim, name: 'Karim Benali' },
            { id: agents.sophie, name: 'Sophie Lefèvre' },
          ],
        },
        comments: [
          {
            id: expect.any(Number),
            author: { id: agents.sophie, name: 'Sophie Lefèvre', mairie: 'paris-5' },
            text: 'Bravo <b>super</b> idée !',
            photos: [photo(commentPhotoHash, [400], 400, 400)],
            createdAt: '2026-03-03T10:00:00.000Z',
            editedAt: null,
          },
        ],
        adoptions: [
          {
            mairie: 'paris-3',
            agent: { id: agents.lucie, name: 'Lucie Bernard' },
            feedback: 'Adopté chez nous, la file a fondu.',
            createdAt: '2026-03-10T10:00:00.000Z',
            minutesPerWeek: null,
          },
        ],
        adoptionsByMairie: [{ mairie: 'paris-3', label: 'Mairie du 3e', count: 1 }],
        chat: { platform: 'slack', permalink: 'https://slack.example/archives/C1/p1' },
        // One adoption with feedback in another mairie: reach 1, not proven under the default threshold of 3.
        proven: false,
        provenReach: 1,
        proposal: null,
        // Nobody reported the time it saves yet (issue 20).
        impact: null,
        // Nothing else published solves this problem (the hidden one and the draft never count).
        similar: [],
      });
    });

    it('lists, searches ignoring accents and case, and sorts in JSON', async () => {
      const all = await (await get('/bricolages.json')).json();
      expect(all).toMatchObject({ page: 1, pageSize: 20, total: 2 });
      expect(all.items.map((i: { id: number }) => i.id)).toEqual([ids.other, ids.shown]);
      expect(all.items[1]).toMatchObject({
        likeCount: 2,
        commentCount: 1,
        adoptionCount: 1,
        url: `${PUBLIC_URL}/bricolages/${ids.shown}`,
      });
      expect(all.items[1].cover).toMatchObject({ url: `${PUBLIC_URL}/media/${photoHash}-800.webp`, width: 800, height: 600 });
      expect(all.items[1].cover.renditions.map((r: { width: number }) => r.width)).toEqual([400, 800]);
      expect(all.items[0].cover).toBeNull();

      const found = await (await get('/bricolages.json?q=' + encodeURIComponent('ETAT CIVIL'))).json();
      expect(found.items.map((i: { id: number }) => i.id)).toEqual([ids.shown]);
      const inSteps = await (await get('/bricolages.json?q=legende')).json();
      expect(inSteps.total).toBe(1);

      const byLikes = await (await get('/bricolages.json?sort=likes')).json();
      expect(byLikes.items[0].id).toBe(ids.shown);
      const home = await (await get('/index.json')).json();
      expect(home.recent).toHaveLength(2);
      expect(home.popular[0].id).toBe(ids.shown);
    });

    it('shows the search page in HTML with results', async () => {
      const html = await (await get('/bricolages?q=courrier')).text();
      expect(html).toContain('Tableur du courrier entrant');
      expect(html).not.toContain('Ticket &lt;script&gt;');
      expect(html).toContain('1 bricolage trouvé');
    });

    it('hides hidden, draft and unknown bricolages behind a friendly 404', async () => {
      for (const p of [
        `/bricolages/${ids.hidden}`,
        `/bricolages/${ids.draft}`,
        '/bricolages/99999',
        '/bricolages/abc',
        '/nowhere',
      ]) {
        const res = await get(p);
        expect(res.status, p).toBe(404);
        expect(await res.text()).toContain('Page introuvable');
      }
      const json = await get(`/bricolages/${ids.hidden}.json`);
      expect(json.status).toBe(404);
      expect(await json.json()).toEqual({ error: 'Page introuvable' });
      const unknownJson = await get('/nowhere.json?lang=en');
      expect(unknownJson.status).toBe(404);
      expect(await unknownJson.json()).toEqual({ error: 'Page not found' });
    });

    it('refuses every method but GET and HEAD with 405', async () => {
      for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
        const res = await fetch(`${base}/bricolages/${ids.shown}`, { method, body: method === 'DELETE' ? undefined : 'x' });
        expect(res.status, method).toBe(405);
        expect(res.headers.get('allow')).toBe('GET, HEAD');
        expect(await res.text()).toContain('Galerie en lecture seule');
      }
      const head = await fetch(`${base}/`, { method: 'HEAD' });
      expect(head.status).toBe(200);
    });

    it('serves stored photos as immutable WebP and nothing else from the media folder', async () => {
      const res = await get(`/media/${photoHash}-400.webp`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/webp');
      expect(res.headers.get('cache-control')).toMatch(/max-age=31536000.*immutable/);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.subarray(8, 12).toString('latin1')).toBe('WEBP');
      // The chat cards' JPEG (Slack and Teams fetch it from here), as JPEG.
      const card = await get(`/media/${photoHash}-card.jpg`);
      expect(card.status).toBe(200);
      expect(card.headers.get('content-type')).toBe('image/jpeg');
      expect(Buffer.from(await card.arrayBuffer()).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));

      fs.writeFileSync(path.join(temp.dir, 'secret.txt'), 'TOP-SECRET-CONTENT');
      for (const p of [
        '/media/..%2Fsecret.txt',
        '/media/%2e%2e%2fsecret.txt',
        '/media/../secret.txt',
        `/media/${'f'.repeat(64)}-400.webp`,
        `/media/${photoHash}-400.png`,
        `/media/${photoHash}-card.jpeg`,
        `/media/${'f'.repeat(64)}-card.jpg`,
      ]) {
        const bad = await get(p);
        expect(bad.status, p).toBe(404);
        expect(await bad.text()).not.toContain('TOP-SECRET-CONTENT');
      }
    });

    it('serves the stylesheet, with a print layout', async () => {
      const res = await get('/static/gallery.css');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/css/);
      expect(await res.text()).toContain('@media print');
    });

    it('switches to English with ?lang=en and keeps it in links, or follows Accept-Language', async () => {
      const html = await page(`/bricolages/${ids.shown}?lang=en`);
      expect(html).toContain('<html lang="en">');
      expect(html).toContain('Step 1');
      expect(html).toContain('2 likes');
      expect(html).toContain('3 March 2026');
      expect(html).toContain('href="/bricolages?lang=en"');
      expect(html).toContain(`href="/bricolages/${ids.shown}?lang=fr"`);

      const browserEn = await page('/', { 'accept-language': 'en-GB,en;q=0.9,fr;q=0.5' });
      expect(browserEn).toContain('<html lang="en">');
      expect(browserEn).toContain('href="/bricolages"');
      const forcedFr = await (await get('/?lang=fr', { 'accept-language': 'en' })).text();
      expect(forcedFr).toContain('<html lang="fr">');
    });

    it('redirects the old search address, highlights matches and escapes them', async () => {
      const old = await request('/bricolages?q=courrier&sort=likes', { redirect: 'manual' });
      expect(old.status).toBe(301);
      expect(old.headers.get('location')).toBe('/recherche?q=courrier&sort=likes');
      const html = await (await get('/recherche?q=SCRIPT')).text();
      expect(html).toContain('<mark>script</mark>');
      expect(html).not.toContain('<script>');
      const json = await (await get('/recherche.json?q=leg')).json();
      expect(json.items.map((i: { id: number }) => i.id)).toEqual([ids.shown]);
      expect(json.items[0].snippet).toMatch(/légende/);
    });

    it('answers 304 to a known ETag and shows a write at once (the cache follows the data)', async () => {
      const first = await get('/index.json');
      const etag = first.headers.get('etag');
      expect(etag).toBeTruthy();
      const before = await first.json();
      expect((await get('/index.json', { 'If-None-Match': etag! })).status).toBe(304);
      const head = await request('/index.json', { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(await head.text()).toBe('');

      await temp.db
        .insertInto('likes')
        .values({ bricolage_id: ids.other, agent_id: agents.lucie, emoji: '👍', created_at: nowIso() })
        .execute();
      const after = await get('/index.json', { 'If-None-Match': etag! });
      expect(after.status).toBe(200);
      expect(after.headers.get('etag')).not.toBe(etag);
      const changed = await after.json();
      const likes = (body: { recent: { id: number; likeCount: number }[] }) =>
        body.recent.find((r) => r.id === ids.other)?.likeCount;
      expect(likes(changed)).toBe((likes(before) ?? 0) + 1);
      await temp.db.deleteFrom('likes').where('bricolage_id', '=', ids.other).where('agent_id', '=', agents.lucie).execute();
    });
  });
});
