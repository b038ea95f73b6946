/**
 * The gallery's home page while likes keep coming, over real HTTP: after a like, one request builds
 * the page and the others that come while it is being built get the previous page at once, even
 * after a later like; a request made after a like, with no build under way, shows that like.
 */
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { ensureAgent } from '../storage/agents.js';
import { insertBricolage } from '../storage/bricolages.js';
import type { Db } from '../storage/db.js';
import { addReaction } from '../storage/engagement.js';
import { type GalleryServer, startGalleryServer } from './support/gallery-server.js';
import { createTempDb, describeEngines, type TempDb } from './support/temp-db.js';

/**
 * Counts the page queries (SELECTs built with Kysely; the data version is read in plain SQL) and,
 * while closed, holds their results back: a build that takes as long as the test wants.
 */
function pageQueries() {
  const selects = new WeakSet<object>();
  let gate: Promise<void> | null = null;
  let open: () => void = () => undefined;
  const plugin: KyselyPlugin & { count: number; close(): void; open(): void } = {
    count: 0,
    transformQuery({ node, queryId }: PluginTransformQueryArgs): RootOperationNode {
      if (node.kind === 'SelectQueryNode') {
        selects.add(queryId);
        plugin.count++;
      }
      return node;
    },
    async transformResult({ result, queryId }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
      if (gate && selects.has(queryId)) await gate;
      return result;
    },
    close() {
      gate = new Promise<void>((resolve) => {
        open = resolve;
      });
    },
    open() {
      gate = null;
      open();
    },
  };
  return plugin;
}

describeEngines('home page under steady likes', (engine) => {
  let temp: TempDb;
  let server: GalleryServer;
  let bricolageId: number;
  let likers: number[];
  const queries = pageQueries();
  let liked = 0;

  const like = () => addReaction(temp.db, bricolageId, likers[liked++], '👍');
  const home = async () => {
    const response = await fetch(`${server.base}/index.json`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { recent: { id: number; likeCount: number }[] };
    return body.recent.find((r) => r.id === bricolageId)?.likeCount;
  };

  beforeAll(async () => {
    temp = await createTempDb({ engine });
    const db: Db = temp.db;
    const author = await ensureAgent(db, { platform: 'local', platformUserId: 'camille', displayName: 'Camille', mairie: '11e' });
    likers = [];
    for (let i = 0; i < 6; i++) {
      likers.push(
        (await ensureAgent(db, { platform: 'local', platformUserId: `agent${i}`, displayName: `Agent ${i}`, mairie: '3e' })).id,
      );
    }
    bricolageId = await insertBricolage(db, {
      authorId: author.id,
      title: 'Tableur du courrier entrant',
      problem: 'Le courrier se perd entre les services.',
      category: 'Courrier et documents',
      steps: [{ text: 'Une ligne par pli, une colonne par service.', photoHashes: [] }],
    });
    const config = loadConfig({ DATA_DIR: temp.dir, SEED_DEMO: 'false', PORT: '0' });
    server = await startGalleryServer({ db: db.withPlugin(queries), config });
  });
  afterAll(async () => {
    await server?.close();
    await temp?.cleanup();
  });

  it('shows a like to the next request at once', async () => {
    expect(await home()).toBe(0);
    await like();
    expect(await home()).toBe(1);
  });

  it('builds the page once for the requests that come together after a like', async () => {
    await like();
    const before = queries.count;
    expect(await home()).toBe(2);
    const oneBuild = queries.count - before;
    expect(oneBuild).toBeGreaterThan(0);

    await like();
    const burst = queries.count;
    const counts = await Promise.all(Array.from({ length: 8 }, () => home()));
    // One of them built the page at 3 likes; those that came meanwhile got the previous page.
    expect(counts).toContain(3);
    for (const count of counts) expect([2, 3]).toContain(count);
    expect(queries.count - burst).toBe(oneBuild);
    expect(await home()).toBe(3);
  });

  it('answers the previous page while a build is under way, then builds afresh', async () => {
    expect(await home()).toBe(3);
    await like();
    queries.close();
    // This request starts the build at 4 likes, held back by the closed gate.
    const building = home();
    await new Promise((r) => setTimeout(r, 100));
    await like();
    // A request while that build is under way, even after another like (5): the previous page, at once.
    expect(await home()).toBe(3);
    queries.open();
    // The request that built shows at least the likes made before it (its reads may see the later one).
    expect(await building).toBeGreaterThanOrEqual(4);
    // No build under way any more: the next request shows every like.
    expect(await home()).toBe(5);
  });
});
