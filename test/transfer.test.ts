/**
 * Export / import of every content table on real SQLite files and real archives: a database with at
 * least one of everything (workshops with bricolages, an animateur, journal entries, a proposal with
 * its history, a hidden comment, à la une, an adoption with feedback, announcements) goes through
 * `npm run export` into an empty instance and back out unchanged; importing again adds nothing; an
 * instance with its own content keeps it; a bad archive leaves nothing behind and the CLI says why
 * without a stack trace; a version 1 archive is still read.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import sharp from 'sharp';
import * as tar from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Config, loadConfig } from '../config.js';
import { exportTo, importFrom, OpsError } from '../ops/archive.js';
import { claimAdoptionNotice } from '../storage/adoptions.js';
import { ensureAgent } from '../storage/agents.js';
import { addAnimator, isStoredAnimator } from '../storage/animators.js';
import { recordAnnounced } from '../storage/announcements.js';
import { audit, logAnimatorAction } from '../storage/audit.js';
import { deleteBricolage, findBricolageByChatMessage, insertBricolage, linkChatMessage } from '../storage/bricolages.js';
import { type Db, migrate, openDatabase } from '../storage/db.js';
import { addReaction, findCommentByChatMessage, insertComment, recordAdoption } from '../storage/engagement.js';
import { setBricolageHidden, setCommentHidden, setFeatured } from '../storage/moderation.js';
import { createProposal, moveProposal } from '../storage/proposals.js';
import { claimProvenAnnouncement } from '../storage/proven.js';
import { seedDemo } from '../storage/seed.js';
import { bricolageImpact, reportTimeSaved } from '../storage/time-saved.js';
import { TABLE_POLICIES } from '../storage/transfer/tables.js';
import {
  EXPORT_FORMAT,
  type ExportRecord,
  exportRecords,
  IMPORT_KINDS,
  type ImportCounts,
  ImportFormatError,
  ImportStoppedError,
  inSnapshot,
  instanceId,
} from '../storage/transfer/transfer.js';
import { closeWorkshop, linkBricolage, openWorkshop } from '../storage/workshops.js';
import { postgresNotYet, tempDir } from './support/temp-db.js';

postgresNotYet('export and import', 'its instances are SQLite files; SQLite to PostgreSQL is test/moving-house.test.ts');

const run = promisify(execFile);

interface Instance {
  config: Config;
  db: Db;
  remove(): Promise<void>;
}

async function instance(): Promise<Instance> {
  const dir = tempDir('bricoleur-transfer-');
  const config = loadConfig({ DATA_DIR: dir.dir, SEED_DEMO: 'false' });
  const db = openDatabase(config.databaseFile);
  await migrate(db);
  return {
    config,
    db,
    async remove() {
      await db.destroy();
      dir.remove();
    },
  };
}

async function records(db: Db): Promise<ExportRecord[]> {
  const out: ExportRecord[] = [];
  for await (const r of exportRecords(db)) if (r.type !== 'header') out.push(r);
  return out;
}

const SLACK_POST = { platform: 'slack', channelId: 'C0COMMUNE1', messageId: '1700000000.000100' };

const T = (day: number, hour = 10) => new Date(Date.UTC(2026, 10, day, hour)).toISOString();

/** The demo content plus one of every community fact the demo does not hold. */
async function populate(db: Db, config: Config): Promise<void> {
  await seedDemo(db, config);
  const [camille, sami] = await db.selectFrom('agents').selectAll().orderBy('id').limit(2).execute();
  const [first, second, third] = await db.selectFrom('bricolages').select('id').orderBy('id').limit(3).execute();
  if (!camille || !sami || !first || !second || !third) throw new Error('demo seed changed');

  const workshop = await openWorkshop(db, { title: 'Imprimantes', description: 'Les bourrages', openedBy: camille.id, at: T(2) });
  await linkBricolage(db, { workshopId: workshop, bricolageId: first.id, linkedBy: camille.id, at: T(3) });
  await linkBricolage(db, { workshopId: workshop, bricolageId: second.id, linkedBy: sami.id, at: T(4) });
  await closeWorkshop(db, { id: workshop, summary: 'Deux astuces retenues', closedBy: camille.id, at: T(5) });
  const open = await openWorkshop(db, { title: 'Badges', description: 'Portes qui coincent', openedBy: sami.id, at: T(6) });
  await audit(db, { actorAgentId: camille.id, action: 'workshop.open', subjectType: 'workshop', subjectId: open });
  await audit(db, {
    actorAgentId: camille.id,
    action: 'workshop.link',
    subjectType: 'workshop',
    subjectId: workshop,
    details: { bricolageId: first.id },
  });

  await addAnimator(db, { platform: 'local', platformUserId: 'nadia' }, camille.id);
  await logAnimatorAction(db, camille.id, { action: 'animator.add', target: 'local:nadia', targetName: 'Nadia' }, null);

  await setFeatured(db, first.id, true);
  await logAnimatorAction(db, camille.id, { action: 'bricolage.feature', bricolageId: first.id }, 'Très utile');
  await setBricolageHidden(db, third.id, true);
  await logAnimatorAction(db, camille.id, { action: 'bricolage.hide', bricolageId: third.id }, 'Doublon');

  const comment = await insertComment(db, {
    bricolageId: second.id,
    authorId: sami.id,
    text: 'Hors sujet',
    // A thread reply in Slack: after a move, its edits and deletions there must still find it.
    chat: { platform: 'slack', channelId: 'C0COMMUNE1', messageId: '1700000000.000200' },
    photoHashes: [],
    at: T(7),
  });
  // Posted in Slack: after a move, its reactions there must still count as likes on it.
  await linkChatMessage(db, second.id, SLACK_POST, 'https://mairie.slack.com/archives/C0COMMUNE1/p1700000000000100');
  await setCommentHidden(db, comment!, true);
  await logAnimatorAction(db, camille.id, { action: 'comment.hide', commentId: comment!, bricolageId: second.id }, 'Hors sujet');

  await addReaction(db, second.id, camille.id, 'thumbsup', T(7, 11));
  await recordAdoption(db, {
    bricolageId: first.id,
    agentId: sami.id,
    mairie: 'paris-11',
    feedback: 'Marche très bien',
    at: T(8),
  });
  await reportTimeSaved(db, { bricolageId: first.id, agentId: sami.id, minutesPerWeek: 90, at: T(8, 11) });
  await claimAdoptionNotice(db, first.id, 'paris-11');
  await claimProvenAnnouncement(db, first.id, T(9));
  await recordAnnounced(db, sami.id, [{ kind: 'badge', key: 'adopte-ailleurs' }], T(9, 12));

  await createProposal(db, first.id, camille.id, 'À généraliser', T(10));
  await moveProposal(db, first.id, 'studying', camille.id, 'En étude à la DSI', T(11));
  await logAnimatorAction(
    db,
    camille.id,
    { action: 'proposal.create', bricolageId: first.id, status: 'proposed', note: 'À généraliser' },
    null,
  );

  // A journal entry about a bricolage deleted since: its key survives, pointing nowhere.
  const gone = await insertBricolage(db, {
    authorId: sami.id,
    title: 'Éphémère',
    problem: 'p',
    category: 'Autre',
    status: 'published',
    at: T(12),
    steps: [{ text: 'a', photoHashes: [] }],
  });
  await deleteBricolage(db, gone);
  await audit(db, {
    actorAgentId: null,
    action: 'agent.forget',
    subjectType: 'agent',
    subjectId: 999,
    details: { mode: 'anonymise' },
  });
  await audit(db, {
    actorAgentId: sami.id,
    action: 'bricolage.delete',
    subjectType: 'bricolage',
    subjectId: gone,
    details: { reason: 'x' },
  });
}

const none = (): ImportCounts => Object.fromEntries(IMPORT_KINDS.map((k) => [k, { added: 0, skipped: 0 }])) as ImportCounts;
const added = (counts: ImportCounts) => Object.fromEntries(IMPORT_KINDS.map((k) => [k, counts[k].added]));

let source: Instance;
let archive: string;

beforeAll(async () => {
  source = await instance();
  await populate(source.db, source.config);
  archive = await exportTo(source.db, source.config);
}, 60_000);
afterAll(async () => {
  await source?.remove();
});

describe('export and import of every content table', () => {
  it('round-trips exactly into an empty instance, and importing again adds nothing', async () => {
    const original = await records(source.db);
    const target = await instance();
    try {
      // Moving one's own instance: its animateurs come along, when asked.
      const first = await importFrom(target.db, target.config, archive, { withAnimators: true });
      // The fixture holds at least one of every kind, and all of it came in.
      for (const kind of IMPORT_KINDS) expect(first.counts[kind].added, kind).toBeGreaterThan(0);
      expect(await records(target.db)).toEqual(original);
      // Into an empty instance, everything keeps its number (its address) and its place in Slack.
      const posted = await findBricolageByChatMessage(target.db, SLACK_POST);
      expect(posted).toMatchObject({ chat_permalink: 'https://mairie.slack.com/archives/C0COMMUNE1/p1700000000000100' });
      expect(posted?.id).toBe((await findBricolageByChatMessage(source.db, SLACK_POST))?.id);
      const reply = { platform: 'slack', channelId: 'C0COMMUNE1', messageId: '1700000000.000200' };
      expect((await findCommentByChatMessage(target.db, reply))?.text).toBe('Hors sujet');
      // The time saved an agent reported comes with its adoption (issue 20).
      const adopted = await target.db.selectFrom('adoptions').select('bricolage_id').where('minutes_per_week', '=', 90).execute();
      expect(adopted).toHaveLength(1);
      expect(await bricolageImpact(target.db, adopted[0]!.bricolage_id)).toMatchObject({ minutesPerWeek: 90, reports: 1 });

      const again = await importFrom(target.db, target.config, archive, { withAnimators: true });
      expect(added(again.counts)).toEqual(added(none()));
      expect(again.counts.bricolages.skipped).toBe(first.counts.bricolages.added);
      expect(await records(target.db)).toEqual(original);

      // What the gallery and the journal show: à la une, hidden, the workshop's bricolages, the history.
      const featured = (db: Db) =>
        db.selectFrom('bricolages').select('title').where('featured', '=', 1).orderBy('title').execute();
      expect(await featured(target.db)).toEqual(await featured(source.db));
      expect((await featured(target.db)).length).toBeGreaterThan(0);
      const links = await target.db.selectFrom('workshop_bricolages').selectAll().execute();
      expect(links.length).toBe(2);
      const history = await target.db.selectFrom('proposal_events').select(['status', 'note']).orderBy('id').execute();
      expect(history).toEqual([
        { status: 'proposed', note: 'À généraliser' },
        { status: 'studying', note: 'En étude à la DSI' },
      ]);
      // Journal entries name the imported rows by their ids here, not the source's.
      const hide = await target.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'bricolage.hide')
        .executeTakeFirstOrThrow();
      const hidden = await target.db
        .selectFrom('bricolages')
        .select('id')
        .where('status', '=', 'hidden')
        .executeTakeFirstOrThrow();
      expect(hide.subject_id).toBe(String(hidden.id));
      expect(JSON.parse(hide.details!)).toEqual({ bricolageId: hidden.id, reason: 'Doublon' });
      // An erased agent's row id is not taken for an agent of the same id here.
      const forgot = await target.db
        .selectFrom('audit_log')
        .select('subject_id')
        .where('action', '=', 'agent.forget')
        .executeTakeFirstOrThrow();
      expect(forgot.subject_id).toBe(`${await instanceId(source.db)}:agent999`);

      // The copy's export brought back to the source adds nothing either.
      const back = await exportTo(target.db, target.config);
      const returned = await importFrom(source.db, source.config, back);
      expect(added(returned.counts)).toEqual(added(none()));
      expect(await records(source.db)).toEqual(original);

      // The copy's proposal moves on; brought back, it does not rewrite the source's own history.
      const proposal = await target.db.selectFrom('proposals').select(['bricolage_id', 'proposed_by']).executeTakeFirstOrThrow();
      await moveProposal(target.db, proposal.bricolage_id, 'deployed', proposal.proposed_by!, 'Déployé partout');
      const later = await importFrom(source.db, source.config, await exportTo(target.db, target.config));
      expect(later.counts.proposalEvents).toEqual({ added: 0, skipped: 3 });
      expect(await records(source.db)).toEqual(original);
    } finally {
      await target.remove();
    }
  });

  it('merges into an instance with its own content without changing it', async () => {
    const target = await instance();
    try {
      const own = await ensureAgent(target.db, { platform: 'local', platformUserId: 'zoe', displayName: 'Zoé' });
      const mine = await insertBricolage(target.db, {
        authorId: own.id,
        title: 'Le mien',
        problem: 'p',
        category: 'Autre',
        status: 'published',
        steps: [{ text: 'a', photoHashes: [] }],
      });
      const workshop = await openWorkshop(target.db, { title: 'Le nôtre', description: 'd', openedBy: own.id });
      await linkBricolage(target.db, { workshopId: workshop, bricolageId: mine, linkedBy: own.id });
      await createProposal(target.db, mine, own.id, 'Le nôtre aussi');
      await audit(target.db, { actorAgentId: own.id, action: 'bricolage.publish', subjectType: 'bricolage', subjectId: mine });
      const before = await records(target.db);

      await importFrom(target.db, target.config, archive, { withAnimators: true });
      const after = await records(target.db);
      for (const record of before) expect(after).toContainEqual(record);
      // Merged, an agent gets the next free number here, not the one they had at the source.
      const unnumbered = (list: ExportRecord[]) => list.map((r) => (r.type === 'agent' ? { ...r, number: null } : r));
      for (const record of unnumbered(await records(source.db))) expect(unnumbered(after)).toContainEqual(record);
      expect(after.length).toBe(before.length + (await records(source.db)).length);
    } finally {
      await target.remove();
    }
  });
});

describe('an export taken while another connection writes', () => {
  it('lists every agent its bricolages name (one snapshot)', async () => {
    const busy = await instance();
    const writer = openDatabase(busy.config.databaseFile);
    try {
      await ensureAgent(busy.db, { platform: 'local', platformUserId: 'first', displayName: 'Première' });
      const exported = await inSnapshot(busy.db, async (snapshot) => {
        const out: ExportRecord[] = [];
        for await (const record of exportRecords(snapshot)) {
          out.push(record);
          if (record.type !== 'agent') continue;
          // Once the agents are read, someone new posts a bricolage (another connection, not blocked).
          await writer.transaction().execute(async (trx) => {
            const late = await ensureAgent(trx, { platform: 'local', platformUserId: '0-late', displayName: 'Tard' });
            await insertBricolage(trx, {
              authorId: late.id,
              title: "Pendant l'export",
              problem: 'p',
              category: 'Autre',
              status: 'published',
              steps: [{ text: 'a', photoHashes: [] }],
            });
          });
        }
        return out;
      });
      // Without one snapshot the bricolage would be exported without its author.
      expect(exported.flatMap((r) => (r.type === 'agent' ? [r.key] : []))).toEqual(['local:first']);
      expect(exported.filter((r) => r.type === 'bricolage')).toEqual([]);
      // The next export sees both.
      expect((await records(busy.db)).filter((r) => r.type === 'bricolage').length).toBe(1);
    } finally {
      await writer.destroy();
      await busy.remove();
    }
  });
});

describe('an import stopped midway', () => {
  it('leaves whole records only, and running it again finishes it', async () => {
    const target = await instance();
    try {
      // A fault while writing (as a full disk would be), on the third bricolage of the archive.
      const third = (await records(source.db)).filter((r) => r.type === 'bricolage')[2];
      if (third?.type !== 'bricolage') throw new Error('fixture changed');
      await sql
        .raw(
          `CREATE TRIGGER fault AFTER INSERT ON bricolages WHEN NEW.title = '${third.title.replaceAll("'", "''")}' BEGIN SELECT RAISE(ABORT, 'disk full'); END`,
        )
        .execute(target.db);
      const error = await importFrom(target.db, target.config, archive, { sliceMs: 0, withAnimators: true }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ImportStoppedError);
      expect((error as Error).message).toMatch(/disk full.*run the same import again/);
      // The bricolages written so far are whole: each with every comment, like and step it had.
      const partial = (await records(target.db)).filter((r) => r.type === 'bricolage');
      expect(partial.length).toBe(2);
      const original = await records(source.db);
      for (const r of partial) expect(original).toContainEqual(r);

      await sql`DROP TRIGGER fault`.execute(target.db);
      await importFrom(target.db, target.config, archive, { sliceMs: 0, withAnimators: true });
      expect(await records(target.db)).toEqual(original);
    } finally {
      await target.remove();
    }
  });
});

/** A still WebP image as the photo pipeline writes them (no metadata). */
const webp = (width: number, height: number, colour = '#8a6') =>
  sharp({ create: { width, height, channels: 3, background: colour } })
    .webp()
    .toBuffer();

/** Writes an archive by hand, as another instance (or a careless edit) could. */
async function handMade(dir: string, lines: unknown[], media: Record<string, Buffer> = {}): Promise<string> {
  const stage = fs.mkdtempSync(path.join(dir, 'stage-'));
  fs.writeFileSync(
    path.join(stage, 'content.jsonl'),
    `${lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n')}\n`,
  );
  fs.mkdirSync(path.join(stage, 'media'));
  for (const [name, bytes] of Object.entries(media)) fs.writeFileSync(path.join(stage, 'media', name), bytes);
  const file = path.join(dir, `hand-${path.basename(stage)}.tar.gz`);
  await tar.create({ file, cwd: stage, gzip: true, portable: true }, ['content.jsonl', 'media']);
  return file;
}

async function tableCounts(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of ['agents', 'photos', 'bricolages', 'comments', 'workshops', 'audit_log', 'imported_items'] as const) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out;
}

const v1Header = { type: 'header', format: EXPORT_FORMAT, version: 1, instance: 'beta01', exportedAt: T(20) };
const v1Agent = (id: string, name: string) => ({
  type: 'agent',
  key: `local:${id}`,
  platform: 'local',
  platformUserId: id,
  displayName: name,
  mairie: 'paris-18',
  locale: 'fr',
  createdAt: T(1),
});
const v1Bricolage = {
  type: 'bricolage',
  key: 'beta01:b7',
  authorKey: 'local:lea',
  title: 'Astuce de la bêta',
  problem: 'Le scanner oublie le dossier',
  category: 'Informatique',
  status: 'published',
  featured: false,
  createdAt: T(2),
  publishedAt: T(2),
  updatedAt: T(2),
  steps: [{ text: 'Créer un raccourci', photos: [] }],
  likes: [{ agentKey: 'local:marc', emoji: 'thumbsup', createdAt: T(3) }],
  comments: [
    {
      key: 'beta01:c3',
      authorKey: 'local:marc',
      text: 'Merci !',
      status: 'visible',
      createdAt: T(3),
      editedAt: null,
      photos: [],
    },
  ],
  adoptions: [{ agentKey: 'local:marc', mairie: 'paris-11', feedback: 'Adopté', createdAt: T(4) }],
};

describe('archives from elsewhere', () => {
  it('reads a version 1 archive (the beta site), once', async () => {
    const target = await instance();
    try {
      const file = await handMade(target.config.dataDir, [v1Header, v1Agent('lea', 'Léa'), v1Agent('marc', 'Marc'), v1Bricolage]);
      const summary = await importFrom(target.db, target.config, file);
      expect(summary.version).toBe(1);
      expect(added(summary.counts)).toEqual({ ...added(none()), agents: 2, bricolages: 1, likes: 1, comments: 1, adoptions: 1 });
      const [exported] = (await records(target.db)).filter((r) => r.type === 'bricolage');
      expect(exported).toEqual({
        ...v1Bricolage,
        // Fields added since version 1 come back as null.
        adoptions: v1Bricolage.adoptions.map((a) => ({ ...a, minutesPerWeek: null, timeReportedAt: null })),
        chat: null,
        comments: v1Bricolage.comments.map((c) => ({ ...c, chat: null })),
        proposal: null,
        adoptionNotices: [],
        provenAnnouncedAt: null,
      });
      expect(added((await importFrom(target.db, target.config, file)).counts)).toEqual(added(none()));
    } finally {
      await target.remove();
    }
  });

  it('refuses a bad archive whole: nothing written, media taken back, a clear typed error', async () => {
    const target = await instance();
    try {
      const before = await tableCounts(target.db);
      const photo = 'a'.repeat(64);
      const cases: [unknown[], RegExp][] = [
        // Valid records first, then one naming an agent the archive does not list.
        [[v1Header, v1Agent('lea', 'Léa'), v1Bricolage], /agent local:marc/],
        [[{ ...v1Header, version: 3 }, v1Agent('lea', 'Léa')], /version 3/],
        [[{ type: 'bricolage' }], /not an export of this application/],
        [[v1Header, v1Agent('lea', 'Léa'), { ...v1Bricolage, status: 'draft' }], /record 3: "status"/],
        [[v1Header, v1Agent('lea', 'Léa'), 'not json'], /line 3 is not JSON/],
        [
          [
            v1Header,
            v1Agent('lea', 'Léa'),
            v1Agent('marc', 'Marc'),
            {
              ...v1Bricolage,
              adoptions: [{ agentKey: 'local:marc', mairie: null, feedback: null, createdAt: T(4), minutesPerWeek: 9000 }],
            },
          ],
          /"minutesPerWeek" should be a whole number from 0 to 2400/,
        ],
        [[v1Header, v1Agent('lea', 'Léa'), v1Agent('marc', 'Marc'), v1Bricolage, v1Bricolage], /key beta01:b7 twice/],
        [
          [
            v1Header,
            { type: 'photo', hash: photo, width: 400, height: 300, widths: [400], createdAt: T(1) },
            v1Agent('lea', 'Léa'),
            v1Agent('marc', 'Marc'),
            {
              ...v1Bricolage,
              steps: [{ text: 's', photos: [photo] }],
              likes: [{ agentKey: 'local:nobody', emoji: 'x', createdAt: T(3) }],
            },
          ],
          /agent local:nobody/,
        ],
      ];
      for (const [lines, message] of cases) {
        const file = await handMade(target.config.dataDir, lines, { [`${photo}-400.webp`]: await webp(400, 300) });
        const error = await importFrom(target.db, target.config, file).catch((e: unknown) => e);
        expect(error instanceof ImportFormatError || error instanceof OpsError, String(error)).toBe(true);
        expect((error as Error).message).toMatch(message);
        expect(await tableCounts(target.db)).toEqual(before);
        expect(fs.existsSync(path.join(target.config.mediaDir, `${photo}-400.webp`))).toBe(false);
      }
      // A photo listed without its files is refused too.
      const missing = await handMade(target.config.dataDir, [
        v1Header,
        { type: 'photo', hash: photo, width: 400, height: 300, widths: [400, 800], createdAt: T(1) },
      ]);
      await expect(importFrom(target.db, target.config, missing)).rejects.toThrow(/without its files/);
      // Not an archive at all.
      const junk = path.join(target.config.dataDir, 'junk.tar.gz');
      fs.writeFileSync(junk, 'not a tar file');
      await expect(importFrom(target.db, target.config, junk)).rejects.toThrow(OpsError);
      expect(await tableCounts(target.db)).toEqual(before);
    } finally {
      await target.remove();
    }
  });
});

/** Staging folders an import left in the data folder (`.import-*`). */
const stagingLeft = (config: Config) => fs.readdirSync(config.dataDir).filter((n) => n.startsWith('.'));

describe('an import that collides with what is already here', () => {
  it('is refused whole before anything is written, and a corrected archive then imports', async () => {
    const target = await instance();
    try {
      const v2 = { ...v1Header, version: 2 };
      const event = (key: string) => ({ key, status: 'proposed', note: 'À généraliser', actorKey: 'local:lea', at: T(5) });
      const proposal = (key: string) => ({
        status: 'proposed',
        proposedByKey: 'local:lea',
        createdAt: T(5),
        updatedAt: T(5),
        events: [event(key)],
      });
      const people = [v1Agent('lea', 'Léa'), v1Agent('marc', 'Marc')];
      await importFrom(
        target.db,
        target.config,
        await handMade(target.config.dataDir, [v2, ...people, { ...v1Bricolage, proposal: proposal('beta01:e1') }]),
      );
      const before = await tableCounts(target.db);
      const fresh = (n: number, extra: object = {}) => ({
        ...v1Bricolage,
        key: `beta02:b${n}`,
        title: `Nouveau ${n}`,
        comments: [],
        ...extra,
      });
      const comment = (key: string) => ({ ...v1Bricolage.comments[0], key });
      const cases: [object, RegExp][] = [
        // The case: a comment key already in imported_items, under a bricolage not here yet.
        [fresh(3, { comments: [comment('beta01:c3')] }), /comment beta01:c3 is already here/],
        [fresh(3, { proposal: proposal('beta01:e1') }), /proposal event beta01:e1 is already here/],
      ];
      for (const [late, message] of cases) {
        // Two whole bricolages first, each in its own transaction (sliceMs 0), then the collision.
        const file = await handMade(target.config.dataDir, [{ ...v2, instance: 'beta02' }, ...people, fresh(1), fresh(2), late]);
        const error = await importFrom(target.db, target.config, file, { sliceMs: 0 }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ImportFormatError);
        expect((error as Error).message).toMatch(message);
        expect(await tableCounts(target.db)).toEqual(before);
        expect(stagingLeft(target.config)).toEqual([]);
      }
      // Corrected, the same archive imports whole.
      const fixed = await handMade(target.config.dataDir, [
        { ...v2, instance: 'beta02' },
        ...people,
        fresh(1),
        fresh(2),
        fresh(3, { comments: [comment('beta02:c1')], proposal: proposal('beta02:e1') }),
      ]);
      const summary = await importFrom(target.db, target.config, fixed, { sliceMs: 0 });
      expect(summary.counts.bricolages.added).toBe(3);
      expect(summary.counts.comments.added).toBe(1);
      expect(summary.counts.proposalEvents.added).toBe(1);
      expect(stagingLeft(target.config)).toEqual([]);
    } finally {
      await target.remove();
    }
  });
});

describe('animateurs named by an archive', () => {
  it('are made animateurs here only when the import is asked to', async () => {
    const named = (await records(source.db)).filter((r) => r.type === 'animator');
    expect(named.length).toBeGreaterThan(0);
    const plain = await instance();
    const asked = await instance();
    try {
      const summary = await importFrom(plain.db, plain.config, archive);
      expect(summary.animatorsWithheld).toBe(named.length);
      expect(summary.counts.animators.added).toBe(0);
      // Everything else came in: the agents, and the journal that says who was made animateur there.
      expect(summary.counts.agents.added).toBeGreaterThan(0);
      for (const a of named) {
        if (a.type !== 'animator') continue;
        expect(await isStoredAnimator(plain.db, a.platform, a.platformUserId)).toBe(false);
        expect((await importFrom(asked.db, asked.config, archive, { withAnimators: true })).animatorsWithheld).toBe(0);
        expect(await isStoredAnimator(asked.db, a.platform, a.platformUserId)).toBe(true);
      }
    } finally {
      await plain.remove();
      await asked.remove();
    }
  });
});

describe('npm run import', () => {
  const cli = async (dataDir: string, ...args: string[]) =>
    run(process.execPath, ['--no-warnings', '--import', './scripts/ts-hooks.mjs', 'ops/cli.ts', ...args], {
      env: { ...process.env, DATA_DIR: dataDir, SEED_DEMO: 'false' },
    }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it('names what was added and skipped per kind, and explains a bad archive without a stack trace', async () => {
    const dir = tempDir('bricoleur-cli-');
    try {
      const ok = await cli(dir.dir, 'import', archive);
      expect(ok.code).toBe(0);
      expect(ok.stdout).toMatch(/workshops\s+2 added\s+0 skipped/);
      expect(ok.stdout).toMatch(/auditEntries\s+\d+ added/);
      expect(ok.stdout).toMatch(/animators\s+0 added/);
      expect(ok.stdout).toMatch(/animateurs the archive names, not made animateurs here: 2 \(pass --with-animators for that\)/);
      const twice = await cli(dir.dir, 'import', archive, '--with-animators');
      expect(twice.stdout).toMatch(/workshops\s+0 added\s+2 skipped/);
      expect(twice.stdout).toMatch(/animators\s+2 added/);
      expect(twice.stdout).not.toMatch(/not made animateurs/);

      const bad = await handMade(dir.dir, [v1Header, v1Agent('lea', 'Léa'), v1Bricolage]);
      const failed = await cli(dir.dir, 'import', bad);
      expect(failed.code).toBe(1);
      expect(failed.stderr).toMatch(/^error: .*agent local:marc/);
      expect(failed.stderr).not.toMatch(/\n\s+at /);
      // The caps of an archive read back are raised with --max-gb, a whole number of gigabytes.
      const caps = await cli(dir.dir, 'import', archive, '--max-gb=lots');
      expect(caps.code).toBe(1);
      expect(caps.stderr).toMatch(/^error: --max-gb wants a whole number of gigabytes, not lots/);
    } finally {
      dir.remove();
    }
  }, 120_000);
});

describe('the table list', () => {
  it('says for every table of the schema whether it is exported, derived or local, here and in the docs', async () => {
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' order by name`.execute(
      source.db,
    );
    const names = tables.rows.map((r) => r.name);
    expect(names.filter((n) => !(n in TABLE_POLICIES))).toEqual([]);
    expect(Object.keys(TABLE_POLICIES).filter((n) => !names.includes(n))).toEqual([]);
    const doc = fs.readFileSync(path.join(import.meta.dirname, '..', 'docs', 'export-format.md'), 'utf8');
    for (const [name, { policy }] of Object.entries(TABLE_POLICIES)) expect(doc).toContain(`| \`${name}\` | ${policy} |`);
  });
});
