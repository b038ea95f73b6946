/**
 * Export and import of the content (agents, photos, bricolages with their steps, likes, comments
 * and adoptions) as a stream of JSON records, so another instance (or the beta site) can bring it
 * in. Every bricolage and comment carries a key (`<instance id>:b<id>`, kept through imports), so
 * importing the same archive twice adds nothing and a round trip reproduces the same records.
 * Chat references are not exported: they belong to the chat of the instance that posted them.
 */
import crypto from 'node:crypto';
import { insertBricolage } from './bricolages.js';
import type { Db, DbOrTrx, Trx } from './db.js';
import { insertComment } from './engagement.js';
import type { Agent } from './schema.js';

export const EXPORT_FORMAT = 'agent-bricoleur-export';
export const EXPORT_VERSION = 1;

export interface HeaderRecord {
  type: 'header';
  format: typeof EXPORT_FORMAT;
  version: number;
  instance: string;
  exportedAt: string;
}
export interface AgentRecord {
  type: 'agent';
  key: string;
  platform: string;
  platformUserId: string;
  displayName: string;
  mairie: string | null;
  locale: string | null;
  createdAt: string;
}
export interface PhotoRecord {
  type: 'photo';
  hash: string;
  width: number;
  height: number;
  widths: number[];
  createdAt: string;
}
export interface BricolageRecord {
  type: 'bricolage';
  key: string;
  authorKey: string;
  title: string;
  problem: string;
  category: string;
  status: 'published' | 'hidden';
  featured: boolean;
  createdAt: string;
  publishedAt: string | null;
  updatedAt: string;
  steps: { text: string; photos: string[] }[];
  likes: { agentKey: string; emoji: string; createdAt: string }[];
  comments: {
    key: string;
    authorKey: string;
    text: string;
    status: 'visible' | 'hidden';
    createdAt: string;
    editedAt: string | null;
    photos: string[];
  }[];
  adoptions: { agentKey: string; mairie: string | null; feedback: string | null; createdAt: string }[];
}
export type ExportRecord = HeaderRecord | AgentRecord | PhotoRecord | BricolageRecord;

const PAGE = 100;
const agentKey = (platform: string, userId: string) => `${platform}:${userId}`;

/** This instance's id, created on first use. */
export async function instanceId(db: DbOrTrx): Promise<string> {
  const row = await db.selectFrom('instance_meta').select('value').where('key', '=', 'instance_id').executeTakeFirst();
  if (row) return row.value;
  const value = crypto.randomBytes(6).toString('hex');
  await db
    .insertInto('instance_meta')
    .values({ key: 'instance_id', value })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return (await db.selectFrom('instance_meta').select('value').where('key', '=', 'instance_id').executeTakeFirstOrThrow()).value;
}

/** Every record to export, read one page at a time (never the whole database at once). */
export async function* exportRecords(db: Db, exportedAt = new Date().toISOString()): AsyncGenerator<ExportRecord> {
  const instance = await instanceId(db);
  yield { type: 'header', format: EXPORT_FORMAT, version: EXPORT_VERSION, instance, exportedAt };

  let last: { platform: string; user: string } | null = null;
  for (;;) {
    const after: { platform: string; user: string } | null = last;
    const agents: Agent[] = await db
      .selectFrom('agents')
      .selectAll()
      .$if(after !== null, (q) =>
        q.where((eb) =>
          eb.or([
            eb('platform', '>', after!.platform),
            eb.and([eb('platform', '=', after!.platform), eb('platform_user_id', '>', after!.user)]),
          ]),
        ),
      )
      .orderBy('platform')
      .orderBy('platform_user_id')
      .limit(PAGE)
      .execute();
    for (const a of agents) {
      yield {
        type: 'agent',
        key: agentKey(a.platform, a.platform_user_id),
        platform: a.platform,
        platformUserId: a.platform_user_id,
        displayName: a.display_name,
        mairie: a.mairie,
        locale: a.locale,
        createdAt: a.created_at,
      };
    }
    if (agents.length < PAGE) break;
    last = { platform: agents.at(-1)!.platform, user: agents.at(-1)!.platform_user_id };
  }

  let lastHash = '';
  for (;;) {
    const photos = await db.selectFrom('photos').selectAll().where('hash', '>', lastHash).orderBy('hash').limit(PAGE).execute();
    for (const p of photos) {
      yield {
        type: 'photo',
        hash: p.hash,
        width: p.width,
        height: p.height,
        widths: JSON.parse(p.widths),
        createdAt: p.created_at,
      };
    }
    if (photos.length < PAGE) break;
    lastHash = photos.at(-1)!.hash;
  }

  let lastId = 0;
  for (;;) {
    const page = await db
      .selectFrom('bricolages')
      .innerJoin('agents', 'agents.id', 'bricolages.author_id')
      .selectAll('bricolages')
      .select(['agents.platform as author_platform', 'agents.platform_user_id as author_user'])
      .where('bricolages.id', '>', lastId)
      .where('bricolages.status', '!=', 'draft')
      .orderBy('bricolages.id')
      .limit(PAGE)
      .execute();
    if (page.length === 0) break;
    yield* await bricolagePage(db, instance, page);
    if (page.length < PAGE) break;
    lastId = page.at(-1)!.id;
  }
}

async function bricolagePage(
  db: Db,
  instance: string,
  page: { id: number; author_platform: string; author_user: string; [k: string]: unknown }[],
): Promise<BricolageRecord[]> {
  const ids = page.map((b) => b.id);
  const [steps, stepPhotos, likes, comments, commentPhotos, adoptions] = await Promise.all([
    db.selectFrom('steps').selectAll().where('bricolage_id', 'in', ids).orderBy('position').execute(),
    db
      .selectFrom('step_photos')
      .innerJoin('steps', 'steps.id', 'step_photos.step_id')
      .select(['step_photos.step_id', 'step_photos.photo_hash', 'step_photos.position'])
      .where('steps.bricolage_id', 'in', ids)
      .orderBy('step_photos.position')
      .execute(),
    db
      .selectFrom('likes')
      .innerJoin('agents', 'agents.id', 'likes.agent_id')
      .select(['likes.bricolage_id', 'likes.emoji', 'likes.created_at', 'agents.platform', 'agents.platform_user_id'])
      .where('likes.bricolage_id', 'in', ids)
      .orderBy('likes.created_at')
      .orderBy('agents.platform_user_id')
      .orderBy('likes.emoji')
      .execute(),
    db
      .selectFrom('comments')
      .innerJoin('agents', 'agents.id', 'comments.author_id')
      .selectAll('comments')
      .select(['agents.platform', 'agents.platform_user_id'])
      .where('comments.bricolage_id', 'in', ids)
      .orderBy('comments.created_at')
      .orderBy('comments.id')
      .execute(),
    db
      .selectFrom('comment_photos')
      .innerJoin('comments', 'comments.id', 'comment_photos.comment_id')
      .select(['comment_photos.comment_id', 'comment_photos.photo_hash'])
      .where('comments.bricolage_id', 'in', ids)
      .orderBy('comment_photos.position')
      .execute(),
    db
      .selectFrom('adoptions')
      .innerJoin('agents', 'agents.id', 'adoptions.agent_id')
      .select([
        'adoptions.bricolage_id',
        'adoptions.mairie',
        'adoptions.feedback',
        'adoptions.created_at',
        'agents.platform',
        'agents.platform_user_id',
      ])
      .where('adoptions.bricolage_id', 'in', ids)
      .orderBy('adoptions.created_at')
      .orderBy('agents.platform_user_id')
      .execute(),
  ]);
  const commentIds = comments.map((c) => c.id);
  const keys = await db
    .selectFrom('imported_items')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('kind', '=', 'bricolage'), eb('local_id', 'in', ids)]),
        ...(commentIds.length > 0 ? [eb.and([eb('kind', '=', 'comment'), eb('local_id', 'in', commentIds)])] : []),
      ]),
    )
    .execute();
  const keyOf = (kind: 'bricolage' | 'comment', id: number) =>
    keys.find((k) => k.kind === kind && k.local_id === id)?.source_key ?? `${instance}:${kind === 'bricolage' ? 'b' : 'c'}${id}`;
  return page.map((b) => {
    const row = b as unknown as {
      id: number;
      title: string;
      problem: string;
      category: string;
      status: 'published' | 'hidden';
      featured: number;
      created_at: string;
      published_at: string | null;
      updated_at: string;
    };
    return {
      type: 'bricolage',
      key: keyOf('bricolage', row.id),
      authorKey: agentKey(b.author_platform, b.author_user),
      title: row.title,
      problem: row.problem,
      category: row.category,
      status: row.status,
      featured: Boolean(row.featured),
      createdAt: row.created_at,
      publishedAt: row.published_at,
      updatedAt: row.updated_at,
      steps: steps
        .filter((s) => s.bricolage_id === row.id)
        .map((s) => ({ text: s.text, photos: stepPhotos.filter((p) => p.step_id === s.id).map((p) => p.photo_hash) })),
      likes: likes
        .filter((l) => l.bricolage_id === row.id)
        .map((l) => ({ agentKey: agentKey(l.platform, l.platform_user_id), emoji: l.emoji, createdAt: l.created_at })),
      comments: comments
        .filter((c) => c.bricolage_id === row.id)
        .map((c) => ({
          key: keyOf('comment', c.id),
          authorKey: agentKey(c.platform, c.platform_user_id),
          text: c.text,
          status: c.status,
          createdAt: c.created_at,
          editedAt: c.edited_at,
          photos: commentPhotos.filter((p) => p.comment_id === c.id).map((p) => p.photo_hash),
        })),
      adoptions: adoptions
        .filter((a) => a.bricolage_id === row.id)
        .map((a) => ({
          agentKey: agentKey(a.platform, a.platform_user_id),
          mairie: a.mairie,
          feedback: a.feedback,
          createdAt: a.created_at,
        })),
    };
  });
}

export interface ImportCounts {
  agents: number;
  photos: number;
  bricolages: number;
  comments: number;
  likes: number;
  adoptions: number;
}

export class ImportFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFormatError';
  }
}

/**
 * Imports records into one transaction (all or nothing); what is already here (same agent, same
 * photo, same key) is kept as is. Returns what was added.
 */
export async function importRecords(
  trx: Trx,
  records: AsyncIterable<ExportRecord> | Iterable<ExportRecord>,
): Promise<ImportCounts> {
  const counts: ImportCounts = { agents: 0, photos: 0, bricolages: 0, comments: 0, likes: 0, adoptions: 0 };
  const agents = new Map<string, number>();
  const own = await instanceId(trx);
  let sawHeader = false;

  const agentId = async (key: string): Promise<number> => {
    const cached = agents.get(key);
    if (cached !== undefined) return cached;
    const sep = key.indexOf(':');
    const row = await trx
      .selectFrom('agents')
      .select('id')
      .where('platform', '=', key.slice(0, sep))
      .where('platform_user_id', '=', key.slice(sep + 1))
      .executeTakeFirst();
    if (!row) throw new ImportFormatError(`unknown agent ${key}`);
    agents.set(key, row.id);
    return row.id;
  };

  /** The local row of a keyed item: imported before, or one of ours exported and brought back. */
  const localId = async (kind: 'bricolage' | 'comment', key: string): Promise<number | null> => {
    const mapped = await trx
      .selectFrom('imported_items')
      .select('local_id')
      .where('kind', '=', kind)
      .where('source_key', '=', key)
      .executeTakeFirst();
    if (mapped) return mapped.local_id;
    const prefix = `${own}:${kind === 'bricolage' ? 'b' : 'c'}`;
    if (key.startsWith(prefix)) {
      const id = Number(key.slice(prefix.length));
      const table = kind === 'bricolage' ? 'bricolages' : 'comments';
      const exists = await trx.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst();
      if (exists) return id;
    }
    return null;
  };

  for await (const record of records) {
    if (!sawHeader) {
      if (record.type !== 'header' || record.format !== EXPORT_FORMAT || record.version !== EXPORT_VERSION) {
        throw new ImportFormatError('not an export of this application (or of an unknown version)');
      }
      sawHeader = true;
      continue;
    }
    if (record.type === 'agent') {
      const inserted = await trx
        .insertInto('agents')
        .values({
          platform: record.platform,
          platform_user_id: record.platformUserId,
          display_name: record.displayName,
          mairie: record.mairie,
          locale: record.locale,
          created_at: record.createdAt,
        })
        .onConflict((oc) => oc.columns(['platform', 'platform_user_id']).doNothing())
        .executeTakeFirst();
      counts.agents += Number(inserted.numInsertedOrUpdatedRows ?? 0);
    } else if (record.type === 'photo') {
      const inserted = await trx
        .insertInto('photos')
        .values({
          hash: record.hash,
          width: record.width,
          height: record.height,
          widths: JSON.stringify(record.widths),
          created_at: record.createdAt,
        })
        .onConflict((oc) => oc.column('hash').doNothing())
        .executeTakeFirst();
      counts.photos += Number(inserted.numInsertedOrUpdatedRows ?? 0);
    } else if (record.type === 'bricolage') {
      await importBricolage(trx, record, counts, agentId, localId);
    } else {
      throw new ImportFormatError('unknown record type');
    }
  }
  if (!sawHeader) throw new ImportFormatError('empty export');
  return counts;
}

async function importBricolage(
  trx: Trx,
  record: BricolageRecord,
  counts: ImportCounts,
  agentId: (key: string) => Promise<number>,
  localId: (kind: 'bricolage' | 'comment', key: string) => Promise<number | null>,
): Promise<void> {
  let id = await localId('bricolage', record.key);
  if (id === null) {
    id = await insertBricolage(trx, {
      authorId: await agentId(record.authorKey),
      title: record.title,
      problem: record.problem,
      category: record.category,
      status: record.status,
      at: record.createdAt,
      steps: record.steps.map((s) => ({ text: s.text, photoHashes: s.photos })),
    });
    await trx
      .updateTable('bricolages')
      .set({ featured: record.featured ? 1 : 0, published_at: record.publishedAt, updated_at: record.updatedAt })
      .where('id', '=', id)
      .execute();
    await trx.insertInto('imported_items').values({ kind: 'bricolage', source_key: record.key, local_id: id }).execute();
    counts.bricolages += 1;
  }
  for (const like of record.likes) {
    const inserted = await trx
      .insertInto('likes')
      .values({ bricolage_id: id, agent_id: await agentId(like.agentKey), emoji: like.emoji, created_at: like.createdAt })
      .onConflict((oc) => oc.columns(['bricolage_id', 'agent_id', 'emoji']).doNothing())
      .executeTakeFirst();
    counts.likes += Number(inserted.numInsertedOrUpdatedRows ?? 0);
  }
  for (const comment of record.comments) {
    if ((await localId('comment', comment.key)) !== null) continue;
    const commentId = await insertComment(trx, {
      bricolageId: id,
      authorId: await agentId(comment.authorKey),
      text: comment.text,
      chat: null,
      photoHashes: comment.photos,
      at: comment.createdAt,
    });
    if (commentId === null) continue;
    await trx
      .updateTable('comments')
      .set({ status: comment.status, edited_at: comment.editedAt })
      .where('id', '=', commentId)
      .execute();
    await trx.insertInto('imported_items').values({ kind: 'comment', source_key: comment.key, local_id: commentId }).execute();
    counts.comments += 1;
  }
  for (const adoption of record.adoptions) {
    const inserted = await trx
      .insertInto('adoptions')
      .values({
        bricolage_id: id,
        agent_id: await agentId(adoption.agentKey),
        mairie: adoption.mairie,
        feedback: adoption.feedback,
        created_at: adoption.createdAt,
      })
      .onConflict((oc) => oc.columns(['bricolage_id', 'agent_id']).doNothing())
      .executeTakeFirst();
    counts.adoptions += Number(inserted.numInsertedOrUpdatedRows ?? 0);
  }
}
