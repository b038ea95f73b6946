/**
 * Export of the content as a stream of JSON records (format in `records.ts`, import in
 * `check.ts` then `import.ts`), read one page at a time so the whole database is never in memory. What is
 * exported, derived or kept local is listed table by table in `docs/export-format.md`. Chat
 * references are not exported: they belong to the chat of the instance that posted them.
 */
import { sql } from 'kysely';
import type { Db } from '../db.js';
import { beginSnapshot } from '../dialect.js';
import type { Bricolage } from '../schema.js';
import { agentKey, agentKeyOrNull, instanceId, KEYED_DETAILS, KEYED_SUBJECTS, keysOf } from './keys.js';
import {
  type AgentRecord,
  type AnimatorRecord,
  type AuditRecord,
  type BricolageRecord,
  type ChatRecord,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type ExportRecord,
  type WorkshopRecord,
} from './records.js';

export {
  IMPORT_KINDS,
  type ImportCounts,
  type ImportKind,
  type ImportSummary,
  importRecords,
} from './import.js';
export { instanceId } from './keys.js';
export * from './records.js';

const PAGE = 100;

/**
 * Runs `read` on one connection inside one read transaction: every page it reads sees the same
 * moment, so an export taken while the server writes never names an agent or photo it left out.
 * (In WAL mode a reader blocks no writer.)
 */
export async function inSnapshot<T>(db: Db, read: (snapshot: Db) => Promise<T>): Promise<T> {
  await instanceId(db); // written on first use: before, so the snapshot itself only reads
  return db.connection().execute(async (conn) => {
    await beginSnapshot(conn).execute(conn);
    try {
      return await read(conn);
    } finally {
      await sql`commit`.execute(conn);
    }
  });
}

/** Every record to export: agents, animateurs, photos, bricolages, workshops, then the journal. */
export async function* exportRecords(db: Db, exportedAt = new Date().toISOString()): AsyncGenerator<ExportRecord> {
  const instance = await instanceId(db);
  yield { type: 'header', format: EXPORT_FORMAT, version: EXPORT_VERSION, instance, exportedAt };
  yield* exportAgents(db);
  yield* exportAnimators(db);
  yield* exportPhotos(db);
  yield* exportBricolages(db, instance);
  yield* exportWorkshops(db, instance);
  yield* exportAudit(db, instance);
}

async function* exportAgents(db: Db): AsyncGenerator<AgentRecord> {
  let after: { platform: string; user: string } | null = null;
  for (;;) {
    const from: { platform: string; user: string } | null = after;
    const agents = await db
      .selectFrom('agents')
      .selectAll()
      .$if(from !== null, (q) =>
        q.where((eb) =>
          eb.or([
            eb('platform', '>', from!.platform),
            eb.and([eb('platform', '=', from!.platform), eb('platform_user_id', '>', from!.user)]),
          ]),
        ),
      )
      .orderBy('platform')
      .orderBy('platform_user_id')
      .limit(PAGE)
      .execute();
    if (agents.length === 0) break;
    const announcements = await db
      .selectFrom('agent_announcements')
      .selectAll()
      .where(
        'agent_id',
        'in',
        agents.map((a) => a.id),
      )
      .orderBy('kind')
      .orderBy('key')
      .execute();
    for (const a of agents) {
      yield {
        type: 'agent',
        key: agentKey(a.platform, a.platform_user_id),
        number: a.id,
        platform: a.platform,
        platformUserId: a.platform_user_id,
        displayName: a.display_name,
        mairie: a.mairie,
        locale: a.locale,
        createdAt: a.created_at,
        announcements: announcements
          .filter((n) => n.agent_id === a.id)
          .map((n) => ({ kind: n.kind, key: n.key, announcedAt: n.announced_at })),
      };
    }
    if (agents.length < PAGE) break;
    after = { platform: agents.at(-1)!.platform, user: agents.at(-1)!.platform_user_id };
  }
}

async function* exportAnimators(db: Db): AsyncGenerator<AnimatorRecord> {
  // A handful of rows (people given the role by hand): one read.
  const rows = await db
    .selectFrom('animators as m')
    .leftJoin('agents as by', 'by.id', 'm.added_by_agent_id')
    .select(['m.platform', 'm.platform_user_id', 'm.added_at', 'by.platform as by_platform', 'by.platform_user_id as by_user'])
    .orderBy('m.platform')
    .orderBy('m.platform_user_id')
    .execute();
  for (const r of rows) {
    yield {
      type: 'animator',
      platform: r.platform,
      platformUserId: r.platform_user_id,
      addedByKey: agentKeyOrNull(r.by_platform, r.by_user),
      addedAt: r.added_at,
    };
  }
}

async function* exportPhotos(db: Db): AsyncGenerator<ExportRecord> {
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
}

async function* exportBricolages(db: Db, instance: string): AsyncGenerator<BricolageRecord> {
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

type BricolageRow = Bricolage & { author_platform: string; author_user: string };

async function bricolagePage(db: Db, instance: string, page: BricolageRow[]): Promise<BricolageRecord[]> {
  const ids = page.map((b) => b.id);
  const [steps, stepPhotos, likes, comments, commentPhotos, adoptions, proposals, events, notices, proven] = await Promise.all([
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
      .orderBy('agents.platform')
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
        'adoptions.minutes_per_week',
        'adoptions.time_reported_at',
        'agents.platform',
        'agents.platform_user_id',
      ])
      .where('adoptions.bricolage_id', 'in', ids)
      .orderBy('adoptions.created_at')
      .orderBy('agents.platform')
      .orderBy('agents.platform_user_id')
      .execute(),
    db
      .selectFrom('proposals as p')
      .leftJoin('agents as by', 'by.id', 'p.proposed_by')
      .selectAll('p')
      .select(['by.platform as by_platform', 'by.platform_user_id as by_user'])
      .where('p.bricolage_id', 'in', ids)
      .execute(),
    db
      .selectFrom('proposal_events as e')
      .leftJoin('agents as by', 'by.id', 'e.actor_agent_id')
      .selectAll('e')
      .select(['by.platform as by_platform', 'by.platform_user_id as by_user'])
      .where('e.bricolage_id', 'in', ids)
      .orderBy('e.at')
      .orderBy('e.id')
      .execute(),
    db.selectFrom('adoption_notices').selectAll().where('bricolage_id', 'in', ids).orderBy('mairie').execute(),
    db.selectFrom('proven_announcements').selectAll().where('bricolage_id', 'in', ids).execute(),
  ]);
  const [bricolageKeys, commentKeys, eventKeys] = await Promise.all([
    keysOf(db, instance, 'bricolage', ids),
    keysOf(
      db,
      instance,
      'comment',
      comments.map((c) => c.id),
    ),
    keysOf(
      db,
      instance,
      'proposal_event',
      events.map((e) => e.id),
    ),
  ]);
  return page.map((b): BricolageRecord => {
    const proposal = proposals.find((p) => p.bricolage_id === b.id);
    return {
      type: 'bricolage',
      key: bricolageKeys.get(b.id)!,
      authorKey: agentKey(b.author_platform, b.author_user),
      title: b.title,
      problem: b.problem,
      category: b.category,
      status: b.status === 'hidden' ? 'hidden' : 'published',
      featured: Boolean(b.featured),
      createdAt: b.created_at,
      publishedAt: b.published_at,
      updatedAt: b.updated_at,
      steps: steps
        .filter((s) => s.bricolage_id === b.id)
        .map((s) => ({ text: s.text, photos: stepPhotos.filter((p) => p.step_id === s.id).map((p) => p.photo_hash) })),
      chat: chatRecord(b.chat_platform, b.chat_channel_id, b.chat_message_id, b.chat_permalink),
      likes: likes
        .filter((l) => l.bricolage_id === b.id)
        .map((l) => ({ agentKey: agentKey(l.platform, l.platform_user_id), emoji: l.emoji, createdAt: l.created_at })),
      comments: comments
        .filter((c) => c.bricolage_id === b.id)
        .map((c) => ({
          key: commentKeys.get(c.id)!,
          chat: chatRecord(c.chat_platform, c.chat_channel_id, c.chat_message_id, null),
          authorKey: agentKey(c.platform, c.platform_user_id),
          text: c.text,
          status: c.status,
          createdAt: c.created_at,
          editedAt: c.edited_at,
          photos: commentPhotos.filter((p) => p.comment_id === c.id).map((p) => p.photo_hash),
        })),
      adoptions: adoptions
        .filter((a) => a.bricolage_id === b.id)
        .map((a) => ({
          agentKey: agentKey(a.platform, a.platform_user_id),
          mairie: a.mairie,
          feedback: a.feedback,
          createdAt: a.created_at,
          minutesPerWeek: a.minutes_per_week,
          timeReportedAt: a.time_reported_at,
        })),
      proposal: proposal
        ? {
            status: proposal.status,
            proposedByKey: agentKeyOrNull(proposal.by_platform, proposal.by_user),
            createdAt: proposal.created_at,
            updatedAt: proposal.updated_at,
            events: events
              .filter((e) => e.bricolage_id === b.id)
              .map((e) => ({
                key: eventKeys.get(e.id)!,
                status: e.status,
                note: e.note,
                actorKey: agentKeyOrNull(e.by_platform, e.by_user),
                at: e.at,
              })),
          }
        : null,
      adoptionNotices: notices
        .filter((n) => n.bricolage_id === b.id)
        .map((n) => ({ mairie: n.mairie, notifiedAt: n.notified_at })),
      provenAnnouncedAt: proven.find((p) => p.bricolage_id === b.id)?.announced_at ?? null,
    };
  });
}

async function* exportWorkshops(db: Db, instance: string): AsyncGenerator<WorkshopRecord> {
  let lastId = 0;
  for (;;) {
    const page = await db
      .selectFrom('workshops as w')
      .leftJoin('agents as o', 'o.id', 'w.opened_by')
      .leftJoin('agents as c', 'c.id', 'w.closed_by')
      .selectAll('w')
      .select([
        'o.platform as o_platform',
        'o.platform_user_id as o_user',
        'c.platform as c_platform',
        'c.platform_user_id as c_user',
      ])
      .where('w.id', '>', lastId)
      .orderBy('w.id')
      .limit(PAGE)
      .execute();
    if (page.length === 0) break;
    const ids = page.map((w) => w.id);
    // Drafts are not exported, so neither are their links.
    const links = await db
      .selectFrom('workshop_bricolages as l')
      .innerJoin('bricolages as b', 'b.id', 'l.bricolage_id')
      .leftJoin('agents as by', 'by.id', 'l.linked_by')
      .select(['l.workshop_id', 'l.bricolage_id', 'l.linked_at', 'by.platform as by_platform', 'by.platform_user_id as by_user'])
      .where('l.workshop_id', 'in', ids)
      .where('b.status', '!=', 'draft')
      .orderBy('l.linked_at')
      .orderBy('l.bricolage_id')
      .execute();
    const [workshopKeys, bricolageKeys] = await Promise.all([
      keysOf(db, instance, 'workshop', ids),
      keysOf(
        db,
        instance,
        'bricolage',
        links.map((l) => l.bricolage_id),
      ),
    ]);
    for (const w of page) {
      yield {
        type: 'workshop',
        key: workshopKeys.get(w.id)!,
        title: w.title,
        description: w.description,
        status: w.status,
        openedByKey: agentKeyOrNull(w.o_platform, w.o_user),
        openedAt: w.opened_at,
        closedByKey: agentKeyOrNull(w.c_platform, w.c_user),
        closedAt: w.closed_at,
        summary: w.summary,
        bricolages: links
          .filter((l) => l.workshop_id === w.id)
          .map((l) => ({
            bricolageKey: bricolageKeys.get(l.bricolage_id)!,
            linkedByKey: agentKeyOrNull(l.by_platform, l.by_user),
            linkedAt: l.linked_at,
          })),
      };
    }
    if (page.length < PAGE) break;
    lastId = page.at(-1)!.id;
  }
}

const isLocalId = (value: string): boolean => /^[1-9][0-9]*$/.test(value);

/**
 * The subject of a journal entry as the archive writes it: a bricolage, comment or workshop by its
 * key; an agent named by row id (an erased one: `agent.forget`) as `<instance>:agent<id>`, so it is
 * never read as another instance's agent of the same id; anything else as it is.
 */
function subjectKey(type: string, id: string, instance: string, keys: Map<number, string> | null): string {
  if (!isLocalId(id)) return id;
  if (keys) return keys.get(Number(id))!;
  return type === 'agent' ? `${instance}:agent${id}` : id;
}

async function* exportAudit(db: Db, instance: string): AsyncGenerator<AuditRecord> {
  let lastId = 0;
  for (;;) {
    const page = await db
      .selectFrom('audit_log as l')
      .leftJoin('agents as a', 'a.id', 'l.actor_agent_id')
      .selectAll('l')
      .select(['a.platform as a_platform', 'a.platform_user_id as a_user'])
      .where('l.id', '>', lastId)
      .orderBy('l.id')
      .limit(PAGE)
      .execute();
    if (page.length === 0) break;
    const details = page.map((r) => parseDetails(r.details));
    // Every local id this page mentions, by kind, turned into keys in one query per kind.
    const wanted = { bricolage: [] as number[], comment: [] as number[], workshop: [] as number[] };
    page.forEach((r, i) => {
      const kind = KEYED_SUBJECTS[r.subject_type as keyof typeof KEYED_SUBJECTS];
      if (kind && isLocalId(r.subject_id)) wanted[kind].push(Number(r.subject_id));
      const d = details[i];
      if (d && typeof d === 'object') {
        for (const [field, k] of Object.entries(KEYED_DETAILS)) {
          const v = (d as Record<string, unknown>)[field];
          if (typeof v === 'number') wanted[k].push(v);
        }
      }
    });
    const [auditKeys, bricolageKeys, commentKeys, workshopKeys] = await Promise.all([
      keysOf(
        db,
        instance,
        'audit',
        page.map((r) => r.id),
      ),
      keysOf(db, instance, 'bricolage', wanted.bricolage),
      keysOf(db, instance, 'comment', wanted.comment),
      keysOf(db, instance, 'workshop', wanted.workshop),
    ]);
    const keys = { bricolage: bricolageKeys, comment: commentKeys, workshop: workshopKeys };
    for (const [i, r] of page.entries()) {
      const kind = KEYED_SUBJECTS[r.subject_type as keyof typeof KEYED_SUBJECTS];
      let d = details[i];
      if (d && typeof d === 'object' && !Array.isArray(d)) {
        const copy: Record<string, unknown> = { ...(d as Record<string, unknown>) };
        for (const [field, k] of Object.entries(KEYED_DETAILS)) {
          const v = copy[field];
          if (typeof v === 'number') copy[field] = keys[k].get(v);
        }
        d = copy;
      }
      yield {
        type: 'audit',
        key: auditKeys.get(r.id)!,
        at: r.at,
        actorKey: agentKeyOrNull(r.a_platform, r.a_user),
        action: r.action,
        subjectType: r.subject_type,
        subjectId: subjectKey(r.subject_type, r.subject_id, instance, kind ? keys[kind] : null),
        details: d,
      };
    }
    if (page.length < PAGE) break;
    lastId = page.at(-1)!.id;
  }
}

function parseDetails(json: string | null): unknown {
  if (json === null) return null;
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
}

/** A Slack or Teams message's location, or null (not posted yet, or the local chat's, which stays behind). */
function chatRecord(
  platform: string | null,
  channelId: string | null,
  messageId: string | null,
  permalink: string | null,
): ChatRecord | null {
  if (!platform || platform === 'local' || !channelId || !messageId) return null;
  return { platform, channelId, messageId, permalink };
}
