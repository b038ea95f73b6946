/**
 * Import of an export's records (`importRecords`): checked whole first, then written one record at
 * a time in short transactions. What is already here (same agent, photo, key) is left as it is,
 * never overwritten, so importing twice adds nothing and an instance's own content survives a merge.
 */

import { sql } from 'kysely';
import { insertBricolage } from '../bricolages.js';
import type { Db, DbOrTrx } from '../db.js';
import { advanceIdCounters, beginWrite } from '../dialect.js';
import { insertComment } from '../engagement.js';
import { checkArchive } from './check.js';
import {
  agentIdOfKey,
  freeId,
  freeNumberOf,
  instanceId,
  KEYED_DETAILS,
  KEYED_SUBJECTS,
  type KeyedKind,
  localIdOf,
  rememberKey,
} from './keys.js';
import {
  type AgentRecord,
  type AnimatorRecord,
  type AuditRecord,
  type BricolageRecord,
  type ChatRecord,
  checkRecord,
  type ExportRecord,
  ImportFormatError,
  type ImportOptions,
  ImportStoppedError,
  type PhotoRecord,
  type WorkshopRecord,
} from './records.js';

export const IMPORT_KINDS = [
  'agents',
  'announcements',
  'animators',
  'photos',
  'bricolages',
  'likes',
  'comments',
  'adoptions',
  'adoptionNotices',
  'provenAnnouncements',
  'proposals',
  'proposalEvents',
  'workshops',
  'workshopLinks',
  'auditEntries',
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
/** What one import added and what it found already here (skipped), per kind. */
export type ImportCounts = Record<ImportKind, { added: number; skipped: number }>;
export interface ImportSummary {
  /** The exporting instance and the archive's format version. */
  source: string;
  version: number;
  counts: ImportCounts;
  /** Animateurs the archive names who were not made animateurs here (no `withAnimators`). */
  animatorsWithheld: number;
}

class Importer {
  readonly counts = Object.fromEntries(IMPORT_KINDS.map((k) => [k, { added: 0, skipped: 0 }])) as ImportCounts;
  animatorsWithheld = 0;
  private readonly agents = new Map<string, number>();
  private readonly photos = new Set<string>();

  private readonly trx: DbOrTrx;
  private readonly own: string;
  private readonly options: ImportOptions;

  constructor(trx: DbOrTrx, own: string, options: ImportOptions) {
    this.trx = trx;
    this.own = own;
    this.options = options;
  }

  private tally(kind: ImportKind, added: boolean | number | bigint | undefined): void {
    if (Number(added ?? 0) > 0) this.counts[kind].added += 1;
    else this.counts[kind].skipped += 1;
  }

  private async agentId(key: string): Promise<number> {
    const cached = this.agents.get(key);
    if (cached !== undefined) return cached;
    const id = await agentIdOfKey(this.trx, key);
    if (id === null) throw new ImportFormatError(`the archive names agent ${key} without listing it`);
    this.agents.set(key, id);
    return id;
  }

  private async agentIdOrNull(key: string | null): Promise<number | null> {
    return key === null ? null : this.agentId(key);
  }

  private async requirePhotos(hashes: string[]): Promise<void> {
    for (const hash of hashes) {
      if (this.photos.has(hash)) continue;
      const row = await this.trx.selectFrom('photos').select('hash').where('hash', '=', hash).executeTakeFirst();
      if (!row) throw new ImportFormatError(`the archive uses photo ${hash} without listing it`);
      this.photos.add(hash);
    }
  }

  /**
   * The archive's chat location of a post or reply, unless a row here is that message already (a
   * merge of two instances on one chat): then the copy is not linked to it.
   */
  private async freeChat(table: 'bricolages' | 'comments', chat: ChatRecord | null | undefined): Promise<ChatRecord | null> {
    if (!chat) return null;
    const taken = await this.trx
      .selectFrom(table)
      .select('id')
      .where('chat_platform', '=', chat.platform)
      .where('chat_channel_id', '=', chat.channelId)
      .where('chat_message_id', '=', chat.messageId)
      .executeTakeFirst();
    return taken ? null : chat;
  }

  /** `{ id }` to keep an item's number from the archive when it is free here, else nothing. */
  private async keptNumber(kind: KeyedKind, key: string): Promise<{ id?: number }> {
    const id = await freeNumberOf(this.trx, kind, key);
    return id === null ? {} : { id };
  }

  private async keptId(table: 'agents', number: number | null | undefined): Promise<{ id?: number }> {
    const id = await freeId(this.trx, table, number);
    return id === null ? {} : { id };
  }

  private local(kind: KeyedKind, key: string): Promise<number | null> {
    return localIdOf(this.trx, this.own, kind, key);
  }

  async agent(r: AgentRecord): Promise<void> {
    const inserted = await this.trx
      .insertInto('agents')
      .values({
        ...(await this.keptId('agents', r.number)),
        platform: r.platform,
        platform_user_id: r.platformUserId,
        display_name: r.displayName,
        mairie: r.mairie,
        locale: r.locale,
        created_at: r.createdAt,
      })
      .onConflict((oc) => oc.columns(['platform', 'platform_user_id']).doNothing())
      .executeTakeFirst();
    this.tally('agents', inserted.numInsertedOrUpdatedRows);
    const id = await this.agentId(`${r.platform}:${r.platformUserId}`);
    for (const a of r.announcements) {
      const added = await this.trx
        .insertInto('agent_announcements')
        .values({ agent_id: id, kind: a.kind, key: a.key, announced_at: a.announcedAt })
        .onConflict((oc) => oc.columns(['agent_id', 'kind', 'key']).doNothing())
        .executeTakeFirst();
      this.tally('announcements', added.numInsertedOrUpdatedRows);
    }
  }

  async animator(r: AnimatorRecord): Promise<void> {
    if (!this.options.withAnimators) {
      this.animatorsWithheld += 1;
      return;
    }
    const inserted = await this.trx
      .insertInto('animators')
      .values({
        platform: r.platform,
        platform_user_id: r.platformUserId,
        added_by_agent_id: await this.agentIdOrNull(r.addedByKey),
        added_at: r.addedAt,
      })
      .onConflict((oc) => oc.columns(['platform', 'platform_user_id']).doNothing())
      .executeTakeFirst();
    this.tally('animators', inserted.numInsertedOrUpdatedRows);
  }

  async photo(r: PhotoRecord): Promise<void> {
    const inserted = await this.trx
      .insertInto('photos')
      .values({ hash: r.hash, width: r.width, height: r.height, widths: JSON.stringify(r.widths), created_at: r.createdAt })
      .onConflict((oc) => oc.column('hash').doNothing())
      .executeTakeFirst();
    const added = Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
    if (added && this.options.photoFilesPresent && !this.options.photoFilesPresent(r.hash, r.widths)) {
      throw new ImportFormatError(`the archive lists photo ${r.hash} without its files`);
    }
    this.tally('photos', added);
    this.photos.add(r.hash);
  }

  async bricolage(r: BricolageRecord): Promise<void> {
    const trx = this.trx;
    let id = await this.local('bricolage', r.key);
    const isNew = id === null;
    if (id === null) {
      await this.requirePhotos(r.steps.flatMap((s) => s.photos));
      id = await insertBricolage(trx, {
        ...(await this.keptNumber('bricolage', r.key)),
        authorId: await this.agentId(r.authorKey),
        title: r.title,
        problem: r.problem,
        category: r.category,
        status: r.status,
        at: r.createdAt,
        steps: r.steps.map((s) => ({ text: s.text, photoHashes: s.photos })),
      });
      const chat = await this.freeChat('bricolages', r.chat);
      await trx
        .updateTable('bricolages')
        .set({
          featured: r.featured ? 1 : 0,
          published_at: r.publishedAt,
          updated_at: r.updatedAt,
          ...(chat
            ? {
                chat_platform: chat.platform,
                chat_channel_id: chat.channelId,
                chat_message_id: chat.messageId,
                chat_permalink: chat.permalink,
              }
            : {}),
        })
        .where('id', '=', id)
        .execute();
      await rememberKey(trx, 'bricolage', r.key, id);
      this.tally('bricolages', true);
    } else {
      this.tally('bricolages', false);
    }
    const bricolageId = id;
    // Likes in a few multi-row inserts: they are most of an archive's rows.
    for (let i = 0; i < r.likes.length; i += LIKES_PER_INSERT) {
      const rows = [];
      for (const like of r.likes.slice(i, i + LIKES_PER_INSERT)) {
        rows.push({
          bricolage_id: bricolageId,
          agent_id: await this.agentId(like.agentKey),
          emoji: like.emoji,
          created_at: like.createdAt,
        });
      }
      const inserted = await trx
        .insertInto('likes')
        .values(rows)
        .onConflict((oc) => oc.columns(['bricolage_id', 'agent_id', 'emoji']).doNothing())
        .executeTakeFirst();
      const added = Number(inserted.numInsertedOrUpdatedRows ?? 0);
      this.counts.likes.added += added;
      this.counts.likes.skipped += rows.length - added;
    }
    for (const comment of r.comments) {
      // A bricolage just added has no comment here yet (the first pass refused repeated keys).
      if (!isNew && (await this.local('comment', comment.key)) !== null) {
        this.tally('comments', false);
        continue;
      }
      await this.requirePhotos(comment.photos);
      const commentId = await insertComment(trx, {
        ...(await this.keptNumber('comment', comment.key)),
        bricolageId,
        authorId: await this.agentId(comment.authorKey),
        text: comment.text,
        chat: await this.freeChat('comments', comment.chat),
        photoHashes: comment.photos,
        at: comment.createdAt,
      });
      if (commentId === null) throw new ImportFormatError(`comment ${comment.key} could not be added`);
      if (comment.status !== 'visible' || comment.editedAt !== null) {
        await trx
          .updateTable('comments')
          .set({ status: comment.status, edited_at: comment.editedAt })
          .where('id', '=', commentId)
          .execute();
      }
      await rememberKey(trx, 'comment', comment.key, commentId);
      this.tally('comments', true);
    }
    for (const adoption of r.adoptions) {
      const inserted = await trx
        .insertInto('adoptions')
        .values({
          bricolage_id: bricolageId,
          agent_id: await this.agentId(adoption.agentKey),
          mairie: adoption.mairie,
          feedback: adoption.feedback,
          created_at: adoption.createdAt,
          minutes_per_week: adoption.minutesPerWeek,
          time_reported_at: adoption.minutesPerWeek === null ? null : (adoption.timeReportedAt ?? adoption.createdAt),
        })
        .onConflict((oc) => oc.columns(['bricolage_id', 'agent_id']).doNothing())
        .executeTakeFirst();
      this.tally('adoptions', inserted.numInsertedOrUpdatedRows);
    }
    for (const notice of r.adoptionNotices) {
      const inserted = await trx
        .insertInto('adoption_notices')
        .values({ bricolage_id: bricolageId, mairie: notice.mairie, notified_at: notice.notifiedAt })
        .onConflict((oc) => oc.columns(['bricolage_id', 'mairie']).doNothing())
        .executeTakeFirst();
      this.tally('adoptionNotices', inserted.numInsertedOrUpdatedRows);
    }
    if (r.provenAnnouncedAt !== null) {
      const inserted = await trx
        .insertInto('proven_announcements')
        .values({ bricolage_id: bricolageId, announced_at: r.provenAnnouncedAt })
        .onConflict((oc) => oc.column('bricolage_id').doNothing())
        .executeTakeFirst();
      this.tally('provenAnnouncements', inserted.numInsertedOrUpdatedRows);
    }
    if (r.proposal) await this.proposal(bricolageId, r.proposal);
  }

  /**
   * A proposal comes whole with its history, or not at all: one here already keeps its status and
   * its own history (adding events to it could contradict its status).
   */
  private async proposal(bricolageId: number, p: NonNullable<BricolageRecord['proposal']>): Promise<void> {
    const inserted = await this.trx
      .insertInto('proposals')
      .values({
        bricolage_id: bricolageId,
        status: p.status,
        proposed_by: await this.agentIdOrNull(p.proposedByKey),
        created_at: p.createdAt,
        updated_at: p.updatedAt,
      })
      .onConflict((oc) => oc.column('bricolage_id').doNothing())
      .executeTakeFirst();
    this.tally('proposals', inserted.numInsertedOrUpdatedRows);
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
      this.counts.proposalEvents.skipped += p.events.length;
      return;
    }
    for (const e of p.events) {
      const { id } = await this.trx
        .insertInto('proposal_events')
        .values({
          bricolage_id: bricolageId,
          status: e.status,
          note: e.note,
          actor_agent_id: await this.agentIdOrNull(e.actorKey),
          at: e.at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await rememberKey(this.trx, 'proposal_event', e.key, id);
      this.tally('proposalEvents', true);
    }
  }

  async workshop(r: WorkshopRecord): Promise<void> {
    let id = await this.local('workshop', r.key);
    if (id === null) {
      ({ id } = await this.trx
        .insertInto('workshops')
        .values({
          ...(await this.keptNumber('workshop', r.key)),
          title: r.title,
          description: r.description,
          status: r.status,
          opened_by: await this.agentIdOrNull(r.openedByKey),
          opened_at: r.openedAt,
          closed_by: await this.agentIdOrNull(r.closedByKey),
          closed_at: r.closedAt,
          summary: r.summary,
        })
        .returning('id')
        .executeTakeFirstOrThrow());
      await rememberKey(this.trx, 'workshop', r.key, id);
      this.tally('workshops', true);
    } else {
      this.tally('workshops', false);
    }
    for (const link of r.bricolages) {
      const bricolageId = await this.local('bricolage', link.bricolageKey);
      if (bricolageId === null)
        throw new ImportFormatError(`workshop ${r.key} links bricolage ${link.bricolageKey}, not in the archive`);
      const inserted = await this.trx
        .insertInto('workshop_bricolages')
        .values({
          workshop_id: id,
          bricolage_id: bricolageId,
          linked_by: await this.agentIdOrNull(link.linkedByKey),
          linked_at: link.linkedAt,
        })
        .onConflict((oc) => oc.columns(['workshop_id', 'bricolage_id']).doNothing())
        .executeTakeFirst();
      this.tally('workshopLinks', inserted.numInsertedOrUpdatedRows);
    }
  }

  async record(record: ExportRecord, line: number): Promise<void> {
    switch (record.type) {
      case 'agent':
        return this.agent(record);
      case 'animator':
        return this.animator(record);
      case 'photo':
        return this.photo(record);
      case 'bricolage':
        return this.bricolage(record);
      case 'workshop':
        return this.workshop(record);
      case 'audit':
        return this.audit(record);
      case 'header':
        throw new ImportFormatError(`record ${line}: a second header`);
    }
  }

  /** Keys of bricolages, comments, workshops become local ids again; unknown ones stay keys. */
  async audit(r: AuditRecord): Promise<void> {
    if ((await this.local('audit', r.key)) !== null) {
      this.tally('auditEntries', false);
      return;
    }
    const subjectKind = KEYED_SUBJECTS[r.subjectType as keyof typeof KEYED_SUBJECTS];
    const subjectLocal = subjectKind ? await this.local(subjectKind, r.subjectId) : null;
    let details = r.details;
    if (details && typeof details === 'object' && !Array.isArray(details)) {
      const copy: Record<string, unknown> = { ...(details as Record<string, unknown>) };
      for (const [field, kind] of Object.entries(KEYED_DETAILS)) {
        const v = copy[field];
        if (typeof v !== 'string') continue;
        const local = await this.local(kind, v);
        if (local !== null) copy[field] = local;
      }
      details = copy;
    }
    const { id } = await this.trx
      .insertInto('audit_log')
      .values({
        at: r.at,
        actor_agent_id: await this.agentIdOrNull(r.actorKey),
        action: r.action,
        subject_type: r.subjectType,
        subject_id: subjectLocal === null ? r.subjectId : String(subjectLocal),
        details: details === null ? null : JSON.stringify(details),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await rememberKey(this.trx, 'audit', r.key, id);
    this.tally('auditEntries', true);
  }
}

/** Rows per multi-row insert of likes (4 values each, well under SQLite's variable limit). */
const LIKES_PER_INSERT = 200;

/** How long one write transaction of an import may hold the database before it commits. */
const SLICE_MS = 100;

/**
 * Imports an archive's records in two passes over `open()`. The first only reads: every record is
 * checked, and every agent, photo and bricolage it names must be listed before it or be here
 * already, and no key it would give a new row may be here already, so a bad archive is refused
 * before anything is written and the writes never collide halfway. The second writes, one record
 * whole at a time, in transactions of about `SLICE_MS` (`BEGIN IMMEDIATE`), so a running server's
 * writes wait for a slice, never for the whole import. Should it stop midway (disk full, killed),
 * what it wrote is whole records, and running the same import again finishes it (it is idempotent).
 */
/** Tables whose rows an import may write with the numbers they had in the archive. */
const NUMBERED_TABLES = ['agents', 'bricolages', 'comments', 'workshops'] as const;

export async function importRecords(
  db: Db,
  open: () => AsyncIterable<unknown> | Iterable<unknown>,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const own = await instanceId(db);
  const header = await checkArchive(db, own, open(), options);
  await options.beforeWrite?.();
  return db.connection().execute(async (conn) => {
    const importer = new Importer(conn, own, options);
    let line = 0;
    let done = 0;
    let sliceStart = performance.now();
    await beginWrite(conn).execute(conn);
    try {
      for await (const raw of open()) {
        line += 1;
        if (line === 1) continue;
        await importer.record(checkRecord(raw, line), line);
        done = line;
        if (performance.now() - sliceStart >= (options.sliceMs ?? SLICE_MS)) {
          await advanceIdCounters(conn, NUMBERED_TABLES);
          await sql`commit`.execute(conn);
          await beginWrite(conn).execute(conn);
          sliceStart = performance.now();
        }
      }
      await advanceIdCounters(conn, NUMBERED_TABLES);
      await sql`commit`.execute(conn);
    } catch (error) {
      // No transaction may be open any more (a failed commit): the error to report is the first.
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw new ImportStoppedError(done, error);
    }
    return {
      source: header.instance,
      version: header.version,
      counts: importer.counts,
      animatorsWithheld: importer.animatorsWithheld,
    };
  });
}
