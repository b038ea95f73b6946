/** Bricolages with their steps and step photos. Callers pass a transaction for multi-row writes. */
import type { DbOrTrx } from './db.js';
import { nowIso } from './db.js';
import type { Bricolage, BricolageStatus } from './schema.js';

export interface NewBricolageInput {
  authorId: number;
  title: string;
  problem: string;
  category: string;
  status?: BricolageStatus;
  /** Defaults to now; the seed passes older dates. */
  at?: string;
  steps: { text: string; photoHashes: string[] }[];
  /** The chat it is to be posted on, so a failed post can be retried there. */
  chatPlatform?: string;
  /** Its number, when an import keeps the one it had (see `storage/transfer/keys.ts`). */
  id?: number;
}

export interface ChatLocation {
  platform: string;
  channelId: string;
  messageId: string;
}

/** Inserts a bricolage, its steps and step photos. Call inside a transaction: it is several rows. */
export async function insertBricolage(trx: DbOrTrx, input: NewBricolageInput): Promise<number> {
  const at = input.at ?? nowIso();
  const status = input.status ?? 'published';
  const { id } = await trx
    .insertInto('bricolages')
    .values({
      ...(input.id ? { id: input.id } : {}),
      author_id: input.authorId,
      title: input.title,
      problem: input.problem,
      category: input.category,
      status,
      created_at: at,
      published_at: status === 'draft' ? null : at,
      updated_at: at,
      chat_platform: input.chatPlatform ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await insertSteps(trx, id, input.steps);
  return id;
}

async function insertSteps(trx: DbOrTrx, bricolageId: number, steps: NewBricolageInput['steps']): Promise<void> {
  for (const [index, step] of steps.entries()) {
    const { id: stepId } = await trx
      .insertInto('steps')
      .values({ bricolage_id: bricolageId, position: index + 1, text: step.text })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (step.photoHashes.length > 0) {
      await trx
        .insertInto('step_photos')
        .values(step.photoHashes.map((hash, position) => ({ step_id: stepId, photo_hash: hash, position })))
        .execute();
    }
  }
}

export async function getBricolage(db: DbOrTrx, id: number): Promise<Bricolage | undefined> {
  return db.selectFrom('bricolages').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The bricolage a chat message was posted as, if any. */
export async function findBricolageByChatMessage(db: DbOrTrx, loc: ChatLocation): Promise<Bricolage | undefined> {
  return db
    .selectFrom('bricolages')
    .selectAll()
    .where('chat_platform', '=', loc.platform)
    .where('chat_channel_id', '=', loc.channelId)
    .where('chat_message_id', '=', loc.messageId)
    .executeTakeFirst();
}

/** Links a published bricolage to the chat message it was posted as. */
export async function linkChatMessage(db: DbOrTrx, id: number, loc: ChatLocation, permalink: string | null): Promise<void> {
  await db
    .updateTable('bricolages')
    .set({
      chat_platform: loc.platform,
      chat_channel_id: loc.channelId,
      chat_message_id: loc.messageId,
      chat_permalink: permalink,
      updated_at: nowIso(),
    })
    .where('id', '=', id)
    .execute();
}

export async function setPermalink(db: DbOrTrx, id: number, permalink: string): Promise<void> {
  await db.updateTable('bricolages').set({ chat_permalink: permalink }).where('id', '=', id).execute();
}

/** Published bricolages not yet posted in any chat (a crash or chat outage between save and post). */
export async function listUnposted(db: DbOrTrx): Promise<Bricolage[]> {
  return db
    .selectFrom('bricolages')
    .selectAll()
    .where('status', '=', 'published')
    .where('chat_message_id', 'is', null)
    .where('chat_platform', 'is not', null)
    .orderBy('published_at')
    .orderBy('id')
    .execute();
}

/** Deletes a bricolage and, through cascades, its steps, likes, comments and adoptions. */
export async function deleteBricolage(trx: DbOrTrx, id: number): Promise<void> {
  await trx.deleteFrom('bricolages').where('id', '=', id).execute();
}

export async function getSteps(
  db: DbOrTrx,
  bricolageId: number,
): Promise<{ position: number; text: string; photoHashes: string[] }[]> {
  const rows = await db
    .selectFrom('steps')
    .leftJoin('step_photos', 'step_photos.step_id', 'steps.id')
    .select(['steps.position', 'steps.text', 'step_photos.photo_hash', 'step_photos.position as photo_position'])
    .where('steps.bricolage_id', '=', bricolageId)
    .orderBy('steps.position')
    .orderBy('step_photos.position')
    .execute();
  const steps = new Map<number, { position: number; text: string; photoHashes: string[] }>();
  for (const row of rows) {
    let step = steps.get(row.position);
    if (!step) {
      step = { position: row.position, text: row.text, photoHashes: [] };
      steps.set(row.position, step);
    }
    if (row.photo_hash) step.photoHashes.push(row.photo_hash);
  }
  return [...steps.values()];
}

/** Replaces what the author wrote (title, problem, category, steps): `modifier <n°>` republished. */
export async function replaceBricolageContent(
  trx: DbOrTrx,
  id: number,
  input: Pick<NewBricolageInput, 'title' | 'problem' | 'category' | 'steps'>,
): Promise<void> {
  await trx
    .updateTable('bricolages')
    .set({ title: input.title, problem: input.problem, category: input.category, updated_at: nowIso() })
    .where('id', '=', id)
    .execute();
  // Step photos go with their steps by cascade; the photos themselves stay (content-addressed, shared).
  await trx.deleteFrom('steps').where('bricolage_id', '=', id).execute();
  await insertSteps(trx, id, input.steps);
}

/** How many bricolages an agent wrote (published or hidden): `oublie-moi` says what it will do with them. */
export async function countBricolagesBy(db: DbOrTrx, agentId: number): Promise<number> {
  const row = await db
    .selectFrom('bricolages')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('author_id', '=', agentId)
    .where('status', '!=', 'draft')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
