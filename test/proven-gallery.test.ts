/**
 * `/preuves` over HTTP on a random history of adoptions: the threshold computed here from the raw
 * facts agrees with the page, the JSON, the cards and the bricolage pages; two agents of one mairie
 * count once, adoptions by the author or in the author's own mairie never count; filters; the CSV read
 * back (BOM, `;`, accents) equals the page's rows; the report has one section per row; escaped, GET only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../bench/synthetic.js';
import { type Config, loadConfig } from '../config.js';
import { MAIRIE_SLUGS } from '../domain/mairies.js';
import { ensureAgent } from '../storage/agents.js';
import { insertBricolage } from '../storage/bricolages.js';
import { addReaction, insertComment, recordAdoption } from '../storage/engagement.js';
import { createProposal, moveProposal } from '../storage/proposals.js';
import type { Agent } from '../storage/schema.js';
import { parseCsv } from './support/csv.js';
import { type GalleryServer, startGalleryServer } from './support/gallery-server.js';
import { createTempDb, describeEngines, type TempDb } from './support/temp-db.js';

describeEngines('/preuves', (engine) => {
  /** The random history's seed (mulberry32, `bench/synthetic.ts`): a failing one is replayed with PROVEN_SEED. */
  const SEED = Number(process.env.PROVEN_SEED ?? Date.now() % 100_000);
  /** Two of the configured categories (the filter accepts only those). */
  let CATEGORIES: string[] = [];

  interface Fact {
    bricolageId: number;
    agent: Agent;
    mairie: string | null;
    feedback: string | null;
  }

  /** The rule, restated from the issue over raw facts (not the SQL under test). */
  function expectedReach(author: Agent, facts: Fact[]): number {
    const counted = facts.filter((f) => f.agent.id !== author.id && f.mairie && author.mairie && f.mairie !== author.mairie);
    if (!counted.some((f) => f.feedback?.trim())) return 0;
    return new Set(counted.map((f) => f.mairie)).size;
  }

  let temp: TempDb;
  let server: GalleryServer | undefined;
  let base: string;
  let config: Config;
  const expected = new Map<number, number>();
  let proposedId = 0;
  let oddTitleId = 0;

  async function get(path: string, init?: RequestInit) {
    return fetch(base + path, init);
  }
  async function getJson<T>(path: string): Promise<T> {
    const res = await get(path);
    expect(res.status, path).toBe(200);
    return (await res.json()) as T;
  }

  interface ProvenItem {
    id: number;
    title: string;
    category: string;
    proven: boolean;
    reach: number;
    status: string;
    likeCount: number;
    commentCount: number;
    adoptionCount: number;
    mairies: { mairie: string; firstAdoptedAt: string; agents: number }[];
    quotes: { text: string }[];
    proposal: { status: string; events: { status: string; note: string }[] } | null;
  }
  interface ProvenPage {
    items: ProvenItem[];
    total: number;
    threshold: number;
  }

  beforeAll(async () => {
    temp = await createTempDb({ engine });
    const db = temp.db;
    config = loadConfig({ DATA_DIR: temp.dir, PUBLIC_URL: 'http://gallery.test', SEED_DEMO: 'false', PORT: '0' });
    CATEGORIES = config.categories.slice(0, 2);
    const rnd = seededRandom(SEED);
    const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)];

    // Two agents in each of 8 mairies, and one whose mairie is unknown.
    const agents: Agent[] = [];
    for (let m = 0; m < 8; m++) {
      for (let k = 0; k < 2; k++) {
        agents.push(
          await ensureAgent(db, {
            platform: 'local',
            platformUserId: `a${m}-${k}`,
            displayName: `Agent ${m}-${k} Élodie`,
            mairie: MAIRIE_SLUGS[m],
          }),
        );
      }
    }
    agents.push(await ensureAgent(db, { platform: 'local', platformUserId: 'nowhere', displayName: 'Sans Mairie' }));

    const facts: Fact[] = [];
    const adopt = async (bricolageId: number, agent: Agent, feedback: string | null, day: number) => {
      await recordAdoption(db, {
        bricolageId,
        agentId: agent.id,
        mairie: agent.mairie,
        feedback,
        at: new Date(Date.UTC(2026, 9, 1 + day)).toISOString(),
      });
      facts.push({ bricolageId, agent, mairie: agent.mairie, feedback });
    };
    const authors = new Map<number, Agent>();
    const publish = async (author: Agent, title: string, category: string) => {
      const id = await insertBricolage(db, {
        authorId: author.id,
        title,
        problem: 'Un problème du quotidien.',
        category,
        at: '2026-09-01T09:00:00.000Z',
        steps: [{ text: 'Une étape.', photoHashes: [] }],
      });
      authors.set(id, author);
      return id;
    };

    // Fixed edges, whatever the seed: exactly the threshold, with two agents of one mairie and the
    // author's own mairie and the author adopting too (not counted) …
    const edge = await publish(agents[0], 'Coupe-file « spécial » ; été', CATEGORIES[0]);
    oddTitleId = edge;
    await adopt(edge, agents[0], 'Moi-même, bien sûr', 0);
    await adopt(edge, agents[1], 'Ma collègue du même service', 1);
    await adopt(edge, agents[2], null, 2);
    await adopt(edge, agents[3], 'Très utile, « vraiment » ; merci', 3);
    await adopt(edge, agents[4], null, 4);
    await adopt(edge, agents[6], '   ', 5);
    // … one short of it: four adoptions, but two agents of one mairie and one in the author's mairie.
    const short = await publish(agents[4], 'Tableau <script>alert(1)</script> des clés', CATEGORIES[1]);
    await adopt(short, agents[5], 'Même mairie que l’auteur', 0);
    await adopt(short, agents[6], 'Super', 1);
    await adopt(short, agents[7], 'Pareil', 2);
    await adopt(short, agents[8], null, 3);
    await adopt(short, agents[16], 'Je ne sais pas d’où je viens', 4);
    // … and many adoptions without any feedback.
    const silent = await publish(agents[10], 'Sans retour', CATEGORIES[0]);
    for (const i of [0, 2, 4, 6, 8]) await adopt(silent, agents[i], null, i);

    // Then a random history.
    for (let b = 0; b < 12; b++) {
      const author = pick(agents.slice(0, 16));
      const id = await publish(author, `Astuce n°${b} à l’essai`, pick(CATEGORIES));
      for (const agent of agents) {
        if (rnd() < 0.35) await adopt(id, agent, rnd() < 0.3 ? `Retour de ${agent.display_name}` : rnd() < 0.2 ? ' ' : null, b);
      }
      for (let l = 0; l < Math.floor(rnd() * 4); l++) await addReaction(db, id, agents[l + 1].id, 'heart');
      if (rnd() < 0.5)
        await insertComment(db, { bricolageId: id, authorId: agents[2].id, text: 'Bravo', chat: null, photoHashes: [] });
    }
    for (const [id, author] of authors) {
      expected.set(
        id,
        expectedReach(
          author,
          facts.filter((f) => f.bricolageId === id),
        ),
      );
    }
    // A proposal on a bricolage that is not proven: the referent's list shows it too.
    proposedId = silent;
    await createProposal(db, silent, agents[0].id, 'Pour information, à regarder');
    await moveProposal(db, silent, 'studying', agents[0].id, 'Reçu par la DDCT');

    server = await startGalleryServer({ db, config });
    base = server.base;
  });

  afterAll(async () => {
    await server?.close();
    await temp?.cleanup();
  });

  describe(`/preuves on a random history (seed ${SEED})`, () => {
    it('lists exactly the bricolages the rule makes proven, with their reach, widest first', async () => {
      const provenIds = [...expected].filter(([, reach]) => reach >= config.provenMinMairies).map(([id]) => id);
      expect(provenIds).toContain(oddTitleId);
      expect(expected.get(oddTitleId)).toBe(3);
      const page = await getJson<ProvenPage>('/preuves.json');
      expect(page.threshold).toBe(3);
      const shownProven = page.items.filter((i) => i.proven);
      expect(shownProven.map((i) => i.id).sort((a, b) => a - b)).toEqual(provenIds.sort((a, b) => a - b));
      for (const item of page.items) {
        expect(item.reach, `reach of ${item.id}`).toBe(expected.get(item.id));
        if (item.proven) expect(new Set(item.mairies.map((m) => m.mairie)).size).toBe(item.mairies.length);
        if (item.proven) expect(item.mairies).toHaveLength(item.reach);
      }
      const reaches = page.items.map((i) => i.reach);
      expect(reaches).toEqual([...reaches].sort((a, b) => b - a));
      // Not proven, but proposed: listed with its status and dated notes.
      const proposed = page.items.find((i) => i.id === proposedId);
      expect(proposed).toMatchObject({ proven: false, status: 'studying' });
      expect(proposed?.proposal?.events.map((e) => [e.status, e.note])).toEqual([
        ['proposed', 'Pour information, à regarder'],
        ['studying', 'Reçu par la DDCT'],
      ]);
      expect(page.total).toBe(provenIds.length + (provenIds.includes(proposedId) ? 0 : 1));
    });

    it('marks the same bricolages on their page, their cards and the home page row', async () => {
      for (const [id, reach] of expected) {
        const detail = await getJson<{ proven: boolean; provenReach: number }>(`/bricolages/${id}.json`);
        expect(detail, `bricolage ${id}`).toMatchObject({ proven: reach >= 3, provenReach: reach });
      }
      const list = await getJson<{ items: { id: number; proven: boolean }[] }>('/bricolages.json');
      for (const item of list.items) expect(item.proven, `card ${item.id}`).toBe((expected.get(item.id) ?? 0) >= 3);
      const home = await getJson<{ proven: { id: number }[] }>('/index.json');
      const provenCount = [...expected.values()].filter((r) => r >= 3).length;
      expect(home.proven).toHaveLength(Math.min(4, provenCount));
      for (const item of home.proven) expect(expected.get(item.id)).toBeGreaterThanOrEqual(3);
      const html = await (await get('/')).text();
      const featured = html.indexOf('id="une"');
      const row = html.indexOf('id="preuves"');
      const recent = html.indexOf('id="recents"');
      expect(row).toBeGreaterThan(-1);
      if (featured > -1) expect(featured).toBeLessThan(row);
      expect(row).toBeLessThan(recent);
      const edgePage = await (await get(`/bricolages/${oddTitleId}`)).text();
      expect(edgePage).toContain('A fait ses preuves');
      const proposedPage = await (await get(`/bricolages/${proposedId}`)).text();
      expect(proposedPage).toContain('Proposé à l&#x27;administration centrale : À l&#x27;étude');
      expect(await getJson(`/bricolages/${proposedId}.json`)).toMatchObject({ proposal: { status: 'studying' } });
    });

    it('filters by category and by status', async () => {
      const all = await getJson<ProvenPage>('/preuves.json');
      for (const category of CATEGORIES) {
        const page = await getJson<ProvenPage>(`/preuves.json?category=${encodeURIComponent(category)}`);
        expect(page.items.map((i) => i.id)).toEqual(all.items.filter((i) => i.category === category).map((i) => i.id));
      }
      const studying = await getJson<ProvenPage>('/preuves.json?status=studying');
      expect(studying.items.map((i) => i.id)).toEqual([proposedId]);
      const unproposed = await getJson<ProvenPage>('/preuves.json?status=unproposed');
      expect(unproposed.items.map((i) => i.id)).toEqual(all.items.filter((i) => i.status === 'unproposed').map((i) => i.id));
      expect(unproposed.items.every((i) => i.proven)).toBe(true);
      expect((await getJson<ProvenPage>('/preuves.json?status=deployed')).items).toEqual([]);
    });

    it('exports the page as CSV for French spreadsheets: BOM, semicolons, accents intact, same rows', async () => {
      const res = await get('/preuves.csv');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
      const [header, ...rows] = parseCsv(text);
      expect(header.slice(0, 3)).toEqual(['N°', 'Titre', 'Catégorie']);
      const page = await getJson<ProvenPage>('/preuves.json');
      expect(rows.map((r) => [Number(r[0]), r[1], r[2], Number(r[6]), Number(r[8]), Number(r[9]), Number(r[10])])).toEqual(
        page.items.map((i) => [i.id, i.title, i.category, i.reach, i.adoptionCount, i.likeCount, i.commentCount]),
      );
      expect(rows.find((r) => Number(r[0]) === oddTitleId)?.[1]).toBe('Coupe-file « spécial » ; été');
      expect(rows.find((r) => Number(r[0]) === oddTitleId)?.[11]).toContain('« Très utile, « vraiment » ; merci »');
      const en = parseCsv(await (await get('/preuves.csv?lang=en')).text());
      expect(en[0].slice(0, 2)).toEqual(['No.', 'Title']);
    });

    it('prints one section per row with a QR code, escapes what users wrote, and answers GET only', async () => {
      const page = await getJson<ProvenPage>('/preuves.json');
      const report = await (await get('/preuves/rapport')).text();
      expect(report.match(/<section class="report__section"/g)).toHaveLength(page.items.length);
      expect(report.match(/<svg/g)?.length).toBe(page.items.length);
      const res = await get('/preuves');
      expect(res.headers.get('content-security-policy')).toContain("script-src 'none'");
      const html = await res.text();
      expect(html).toContain('Ce qui a fait ses preuves');
      expect(html).not.toContain('<script>alert(1)</script>');
      const en = await (await get('/preuves?lang=en')).text();
      expect(en).toContain('What has proved itself');
      expect((await get('/preuves', { method: 'POST' })).status).toBe(405);
      expect((await get('/preuves.json?status=nonsense&page=abc')).status).toBe(200);
    });
  });
});
