/**
 * The gallery's community pages over real HTTP on a real SQLite file: portraits, mairies, leaderboard,
 * statistics, Atom feeds (parsed as XML), the printable sheet (its QR code decoded), friendly empty
 * states, read-only methods, English.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import jsQRModule from 'jsqr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { ensureAgent } from '../storage/agents.js';
import { insertBricolage } from '../storage/bricolages.js';
import { addReaction, insertComment, recordAdoption } from '../storage/engagement.js';
import { closeWorkshop, linkBricolage, openWorkshop } from '../storage/workshops.js';
import { type GalleryServer, startGalleryServer } from './support/gallery-server.js';
import { createTempDb, describeEngines, type TempDb } from './support/temp-db.js';

describeEngines('gallery pages', (engine) => {
  const PUBLIC_URL = 'https://bricoleur.example.org';
  let temp: TempDb;
  let empty: TempDb;
  let server: GalleryServer | undefined;
  let emptyServer: GalleryServer | undefined;
  let base: string;
  let emptyBase: string;
  const ids = { camille: 0, karim: 0, sophie: 0, ticket: 0, tableur: 0 };

  function serve(t: TempDb): Promise<GalleryServer> {
    const config = loadConfig({ DATA_DIR: t.dir, PUBLIC_URL, SEED_DEMO: 'false', PORT: '0' });
    return startGalleryServer({ db: t.db, config });
  }

  beforeAll(async () => {
    temp = await createTempDb({ engine });
    empty = await createTempDb({ engine });
    const db = temp.db;
    const who = async (id: string, name: string, mairie: string) =>
      (await ensureAgent(db, { platform: 'local', platformUserId: id, displayName: name, mairie })).id;
    ids.camille = await who('camille', 'Camille <Martin>', '11e');
    ids.karim = await who('karim', 'Karim Benali', '18e');
    ids.sophie = await who('sophie', 'Sophie Lefèvre', '5e');
    ids.ticket = await insertBricolage(db, {
      authorId: ids.camille,
      title: 'Ticket coloré & file',
      problem: "La file d'attente s'allonge.",
      category: "Accueil et files d'attente",
      at: '2026-10-02T09:00:00.000Z',
      steps: [{ text: 'Imprimer des tickets de couleur.', photoHashes: [] }],
    });
    ids.tableur = await insertBricolage(db, {
      authorId: ids.karim,
      title: 'Tableur du courrier',
      problem: 'Le courrier se perd.',
      category: 'Courrier et documents',
      at: '2026-11-05T09:00:00.000Z',
      steps: [{ text: 'Une ligne par pli.', photoHashes: [] }],
    });
    for (const agent of [ids.karim, ids.sophie]) await addReaction(db, ids.ticket, agent, '👍');
    await insertComment(db, { bricolageId: ids.ticket, authorId: ids.sophie, text: 'Bravo', chat: null, photoHashes: [] });
    await recordAdoption(db, { bricolageId: ids.ticket, agentId: ids.karim, mairie: 'paris-18', feedback: 'Adopté !' });
    await recordAdoption(db, { bricolageId: ids.tableur, agentId: ids.camille, mairie: 'paris-11', feedback: null });
    server = await serve(temp);
    base = server.base;
    emptyServer = await serve(empty);
    emptyBase = emptyServer.base;
  });

  afterAll(async () => {
    for (const s of [server, emptyServer]) await s?.close();
    await temp?.cleanup();
    await empty?.cleanup();
  });

  const get = (p: string, headers: Record<string, string> = {}) => fetch(base + p, { headers });
  const text = async (p: string, headers: Record<string, string> = {}) => (await get(p, headers)).text();

  describe('contributor portrait', () => {
    it('shows the initials, mairie, level, badges, bricolages and where they were adopted, escaped', async () => {
      const response = await get(`/agents/${ids.camille}`);
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain('Camille &lt;Martin&gt;');
      expect(html).not.toContain('<Martin>');
      expect(html).toContain('Mairie du 11e');
      expect(html).toContain(`href="/mairies/paris-11"`);
      expect(html).toMatch(/Niveau : (Apprenti|Bricoleur)/);
      expect(html).toContain('Première astuce');
      expect(html).toContain('Adopté ailleurs');
      expect(html).toContain('Ticket coloré &amp; file');
      expect(html).toContain('Mairie du 18e — 1 adoption');
      expect(html).toMatch(/<progress class="meter" max="100" value="\d+"/);
      const json = await (await get(`/agents/${ids.camille}.json`)).json();
      expect(json).toMatchObject({ id: ids.camille, mairie: 'paris-11', badges: expect.arrayContaining(['premiere-astuce']) });
      expect(json.bricolages.total).toBe(1);
    });

    it('speaks English with ?lang=en', async () => {
      const html = await text(`/agents/${ids.camille}?lang=en`);
      expect(html).toContain('lang="en"');
      expect(html).toContain('First tip');
      expect(html).toContain('11th arrondissement town hall');
    });

    it('answers an unknown agent with a friendly page', async () => {
      const response = await get('/agents/999999');
      expect(response.status).toBe(404);
      const html = await response.text();
      expect(html).toContain('Agent introuvable');
      expect(html).toContain('class="site-header"');
    });
  });

  describe('mairie page', () => {
    it('shows its agents, its bricolages, what it adopted and what others adopted from it', async () => {
      const html = await text('/mairies/paris-11');
      expect(html).toContain('<h1>Mairie du 11e</h1>');
      expect(html).toContain(`/agents/${ids.camille}`);
      expect(html).toContain('Ticket coloré &amp; file');
      // Adopted from others: Karim's tableur from the 18e; adopted by others: the ticket, by the 18e.
      expect(html).toMatch(/Tableur du courrier<\/a> — de Mairie du 18e/);
      expect(html).toMatch(/Ticket coloré &amp; file<\/a> — par Mairie du 18e/);
    });

    it('answers an unknown mairie with a friendly page listing the real ones', async () => {
      const response = await get('/mairies/paris-42');
      expect(response.status).toBe(404);
      const html = await response.text();
      expect(html).toContain('Mairie introuvable');
      expect(html).toContain('href="/mairies/hotel-de-ville"');
    });
  });

  describe('leaderboard and statistics', () => {
    it('ranks agents and mairies by the scoring rules, per period', async () => {
      const html = await text('/classement?period=all');
      expect(html).toContain('Depuis le début');
      const json = await (await get('/classement.json?period=all')).json();
      expect(json.agents.rows[0]).toMatchObject({ agentId: ids.camille });
      expect(json.agents.rows[0].points).toBeGreaterThan(json.agents.rows[1].points);
      expect(html).toContain(`href="/agents/${ids.camille}"`);
      expect(html).toContain('Chaque adoption : +5, ou +10 depuis une autre mairie');
    });

    it('draws four accessible SVG charts, each with its data', async () => {
      const html = await text('/stats');
      expect(html.match(/<svg[^>]*role="img"/g)).toHaveLength(4);
      expect(html.match(/<title id="chart-/g)).toHaveLength(4);
      expect(html.match(/<table class="data-table">/g)).toHaveLength(3);
      expect(html).toContain('Mairie du 18e');
      const json = await (await get('/stats.json')).json();
      expect(json.adoptions).toEqual(
        expect.arrayContaining([
          { from: 'paris-11', to: 'paris-18', count: 1 },
          { from: 'paris-18', to: 'paris-11', count: 1 },
        ]),
      );
    });
  });

  describe('Atom feeds', () => {
    function parse(xml: string) {
      expect(XMLValidator.validate(xml)).toBe(true);
      return new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(xml);
    }

    it('is valid Atom 1.0 with the required elements, newest first', async () => {
      const response = await get('/feed.atom');
      expect(response.headers.get('content-type')).toMatch(/^application\/atom\+xml/);
      const { feed } = parse(await response.text());
      expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
      for (const required of ['id', 'title', 'updated', 'author']) expect(feed[required]).toBeTruthy();
      expect(feed.link).toEqual(
        expect.arrayContaining([expect.objectContaining({ '@rel': 'self', '@href': `${PUBLIC_URL}/feed.atom` })]),
      );
      const entries = [feed.entry].flat();
      expect(entries.map((e: { id: string }) => e.id)).toEqual([
        `${PUBLIC_URL}/bricolages/${ids.tableur}`,
        `${PUBLIC_URL}/bricolages/${ids.ticket}`,
      ]);
      for (const entry of entries)
        for (const required of ['id', 'title', 'updated', 'link']) expect(entry[required]).toBeTruthy();
      expect(entries[1].title).toBe('Ticket coloré & file');
    });

    it('has one feed per category, and none for an unknown one', async () => {
      const { feed } = parse(await text('/categories/courrier-et-documents/feed.atom'));
      expect([feed.entry].flat().map((e: { id: string }) => e.id)).toEqual([`${PUBLIC_URL}/bricolages/${ids.tableur}`]);
      expect((await get('/categories/nope/feed.atom')).status).toBe(404);
    });
  });

  describe('printable sheet', () => {
    it('has its own layout, a print link from the bricolage page, and a QR code that decodes to the page URL', async () => {
      expect(await text(`/bricolages/${ids.ticket}`)).toContain(`href="/bricolages/${ids.ticket}/fiche"`);
      const html = await text(`/bricolages/${ids.ticket}/fiche`);
      expect(html).not.toContain('class="site-header"');
      expect(html).toContain('/static/sheet.css');
      expect(html).toContain('Imprimer des tickets de couleur.');
      const svg = /<svg[\s\S]*?<\/svg>/.exec(html)?.[0];
      expect(svg).toBeTruthy();
      const { data, info } = await sharp(Buffer.from(svg!), { density: 300 })
        .resize(400, 400)
        .flatten({ background: '#ffffff' })
        .ensureAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true });
      // jsqr is CommonJS with a default export.
      const jsQR = (jsQRModule as unknown as { default?: typeof jsQRModule }).default ?? jsQRModule;
      const code = (jsQR as unknown as (d: Uint8ClampedArray, w: number, h: number) => { data: string } | null)(
        new Uint8ClampedArray(data.buffer, data.byteOffset, data.length),
        info.width,
        info.height,
      );
      expect(code?.data).toBe(`${PUBLIC_URL}/bricolages/${ids.ticket}`);
      expect((await get('/bricolages/999/fiche')).status).toBe(404);
    });
  });

  describe('workshops', () => {
    it('lists open and finished workshops, shows one with its bricolages, and follows changes at once', async () => {
      expect(await text('/ateliers')).toContain('Aucun atelier ouvert en ce moment');
      const home = await text('/');
      const open = await openWorkshop(temp.db, {
        title: 'Files du samedi <matin>',
        description: 'Trop d’attente',
        openedBy: ids.sophie,
      });
      await linkBricolage(temp.db, { workshopId: open, bricolageId: ids.ticket, linkedBy: ids.sophie });
      // The cached pages change with the workshop tables too.
      const list = await text('/ateliers');
      expect(list).toContain('Files du samedi &lt;matin&gt;');
      expect(list).toContain(`href="/ateliers/${open}"`);
      expect(await text('/')).not.toBe(home);
      expect(await text('/')).toContain('Ateliers ouverts');
      const detail = await text(`/ateliers/${open}`);
      expect(detail).toContain('Ticket coloré &amp; file');
      expect(detail).toContain('par Sophie Lefèvre');
      expect(detail.replaceAll('&#x3D;', '=')).toContain(`/recherche?workshop=${open}`);
      const filtered = await (await get(`/recherche.json?q=ticket&workshop=${open}`)).json();
      expect(filtered.items.map((i: { id: number }) => i.id)).toEqual([ids.ticket]);

      await closeWorkshop(temp.db, { id: open, summary: 'Deux files, une par démarche.', closedBy: ids.sophie });
      const closed = await (await get('/ateliers.json')).json();
      expect(closed.open).toEqual([]);
      expect(closed.closed.items[0]).toMatchObject({ id: open, status: 'closed', bricolageCount: 1 });
      expect(await text(`/ateliers/${open}`)).toContain('Deux files, une par démarche.');
      expect((await get('/ateliers/9999')).status).toBe(404);
    });
  });

  describe('read-only, empty states and unknown paths', () => {
    it('refuses writes on every new page', async () => {
      for (const p of [
        '/classement',
        '/stats',
        '/feed.atom',
        `/agents/${ids.camille}`,
        '/mairies/paris-11',
        '/recherche',
        '/ateliers',
      ]) {
        const response = await fetch(base + p, { method: 'POST' });
        expect(response.status, p).toBe(405);
        expect(response.headers.get('allow')).toBe('GET, HEAD');
      }
    });

    it('links the home page to category pages with their counts', async () => {
      const html = await text('/');
      expect(html).toContain('href="/categories/courrier-et-documents"');
      expect(await text('/categories/courrier-et-documents')).toContain('Tableur du courrier');
      const json = await (await get('/categories/courrier-et-documents.json')).json();
      expect(json.items.map((i: { id: number }) => i.id)).toEqual([ids.tableur]);
      expect((await get('/categories/nope')).status).toBe(404);
    });

    it('shows friendly empty states on an empty database', async () => {
      const page = async (p: string) => {
        const response = await fetch(emptyBase + p);
        expect(response.status, p).toBe(200);
        return response.text();
      };
      expect(await page('/')).toMatch(/Aucun bricolage pour l(&#x27;|')instant/);
      expect(await page('/recherche?q=introuvable')).toContain('Aucun bricolage ne correspond');
      expect(await page('/classement')).toMatch(/Personne n(&#x27;|')a encore marqué de points/);
      expect(await page('/stats')).toMatch(/Pas encore d(&#x27;|')adoption entre mairies/);
      expect(await page('/mairies/paris-3')).toContain('Aucun bricolage publié par cette mairie');
      expect(await page('/ateliers')).toContain('Aucun atelier terminé');
      const feed = await page('/feed.atom');
      expect(XMLValidator.validate(feed)).toBe(true);
    });

    it('answers a page past the last one with how many there are and a link back, not "Page 3 sur 1"', async () => {
      const html = (await text('/bricolages?page=3')).replaceAll('&#x27;', "'");
      expect(html).toContain('Cette page est vide');
      expect(html).toContain("Il n'y a qu'une page de résultats.");
      expect(html).toMatch(/<a class="button button--ghost" href="\/bricolages">Aller à la dernière page<\/a>/);
      expect(html).not.toContain('Page 3 sur');
      expect(await text('/agents/' + ids.camille + '?page=9&lang=en')).toContain('There is only one page of results.');
      // No result at all stays "no matching bricolage".
      expect(await text('/recherche?q=introuvable&page=4')).toContain('Aucun bricolage ne correspond');
    });

    it('answers unknown paths with the site 404 page, and never runs a script', async () => {
      const response = await get('/nulle-part');
      expect(response.status).toBe(404);
      expect(await response.text()).toContain('Page introuvable');
      for (const p of ['/', '/stats', `/agents/${ids.camille}`, `/bricolages/${ids.ticket}/fiche`]) {
        const r = await get(p);
        expect(r.headers.get('content-security-policy')).toContain("script-src 'none'");
        expect(await r.text()).not.toContain('<script');
      }
    });
  });
});
