/**
 * The export format: its record types and the check every archive line goes through before it
 * touches the database, so a bad or foreign archive stops with a clear `ImportFormatError` (never a
 * database constraint error halfway). Version 1 archives (agents, photos, bricolages with steps,
 * likes, comments, adoptions) are still read: the fields added since are simply absent there.
 */
import type { ProposalStatus } from '../schema.js';

export const EXPORT_FORMAT = 'agent-bricoleur-export';
/** 2: animateurs, workshops, the audit journal, proposals with their history, announcements. */
export const EXPORT_VERSION = 2;
const READABLE_VERSIONS = new Set([1, 2]);

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
  /**
   * The agent's number where the archive was made (their `/agents/<n>` address); kept on import when
   * that number is free here, so links to their page still work after moving house. Absent before.
   */
  number?: number | null;
  platform: string;
  platformUserId: string;
  displayName: string;
  mairie: string | null;
  locale: string | null;
  createdAt: string;
  /** Levels and badges already announced to them (v2), so they are not announced again. */
  announcements: { kind: 'level' | 'badge'; key: string; announcedAt: string }[];
}
/** An animateur given the role at runtime (v2); those of the `ANIMATORS` setting are configuration. */
export interface AnimatorRecord {
  type: 'animator';
  platform: string;
  platformUserId: string;
  addedByKey: string | null;
  addedAt: string;
}
export interface PhotoRecord {
  type: 'photo';
  hash: string;
  width: number;
  height: number;
  widths: number[];
  createdAt: string;
}
export interface ProposalExport {
  status: ProposalStatus;
  proposedByKey: string | null;
  createdAt: string;
  updatedAt: string;
  events: { key: string; status: ProposalStatus; note: string; actorKey: string | null; at: string }[];
}
/**
 * Where a post or a thread reply lives in Slack or Teams (v2, absent before), so that reactions,
 * replies and edits there still reach it after moving house. The local chat's own messages stay
 * behind: they are not exported.
 */
export interface ChatRecord {
  platform: string;
  channelId: string;
  messageId: string;
  permalink: string | null;
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
  chat?: ChatRecord | null;
  likes: { agentKey: string; emoji: string; createdAt: string }[];
  comments: {
    key: string;
    chat?: ChatRecord | null;
    authorKey: string;
    text: string;
    status: 'visible' | 'hidden';
    createdAt: string;
    editedAt: string | null;
    photos: string[];
  }[];
  adoptions: {
    agentKey: string;
    mairie: string | null;
    feedback: string | null;
    createdAt: string;
    /** Time saved as the agent reported it (absent before issue 20: null). */
    minutesPerWeek: number | null;
    timeReportedAt: string | null;
  }[];
  /** v2: the proposal to the central administration and every status it took. */
  proposal: ProposalExport | null;
  /** v2: the mairies its author was told adopted it. */
  adoptionNotices: { mairie: string; notifiedAt: string }[];
  /** v2: when it was announced as proven (a fait ses preuves), if it was. */
  provenAnnouncedAt: string | null;
}
/** A workshop (v2) and the bricolages that came out of it. */
export interface WorkshopRecord {
  type: 'workshop';
  key: string;
  title: string;
  description: string;
  status: 'open' | 'closed';
  openedByKey: string | null;
  openedAt: string;
  closedByKey: string | null;
  closedAt: string | null;
  summary: string | null;
  bricolages: { bricolageKey: string; linkedByKey: string | null; linkedAt: string }[];
}
/**
 * One entry of the audit journal (v2). Ids of bricolages, comments and workshops, in the subject
 * and in `details.bricolageId` / `details.commentId`, are written as keys so they mean the same
 * item on the importing instance.
 */
export interface AuditRecord {
  type: 'audit';
  key: string;
  at: string;
  actorKey: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  details: unknown;
}
export type ExportRecord =
  | HeaderRecord
  | AgentRecord
  | AnimatorRecord
  | PhotoRecord
  | BricolageRecord
  | WorkshopRecord
  | AuditRecord;

/** A bad archive: a clear message for the operator, the import rolled back. */
export class ImportFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFormatError';
  }
}

/**
 * An import that stopped while writing (after its checks passed): what it wrote is whole records,
 * and running the same import again finishes it.
 */
export class ImportStoppedError extends Error {
  readonly records: number;
  constructor(records: number, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      `the import stopped after record ${records} (${reason}); what came before is imported whole: run the same import again to finish it`,
      { cause },
    );
    this.name = 'ImportStoppedError';
    this.records = records;
  }
}

type Raw = Record<string, unknown>;

class Checker {
  private readonly where: string;
  private readonly value: Raw;

  constructor(where: string, value: Raw) {
    this.where = where;
    this.value = value;
  }
  private fail(field: string, expected: string): never {
    throw new ImportFormatError(`${this.where}: "${field}" should be ${expected}`);
  }
  str(field: string): string {
    const v = this.value[field];
    if (typeof v !== 'string' || v === '') this.fail(field, 'a non-empty text');
    return v;
  }
  text(field: string): string {
    const v = this.value[field];
    if (typeof v !== 'string') this.fail(field, 'a text');
    return v;
  }
  /** Absent (an older version) or null give null. */
  optStr(field: string): string | null {
    const v = this.value[field];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string') this.fail(field, 'a text or null');
    return v;
  }
  /** Time saved in minutes per week, 0 to 40 h (the database's own check); absent or null give null. */
  optMinutesPerWeek(field: string): number | null {
    const v = this.value[field];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 2400)
      this.fail(field, 'a whole number from 0 to 2400, or null');
    return v;
  }
  /** A positive whole number; absent (an older archive) or null give null. */
  optInt(field: string): number | null {
    const v = this.value[field];
    if (v === undefined || v === null) return null;
    return this.int(field);
  }
  int(field: string): number {
    const v = this.value[field];
    if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) this.fail(field, 'a positive whole number');
    return v;
  }
  bool(field: string): boolean {
    const v = this.value[field];
    if (typeof v !== 'boolean') this.fail(field, 'true or false');
    return v;
  }
  oneOf<T extends string>(field: string, allowed: readonly T[]): T {
    const v = this.value[field];
    if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) this.fail(field, `one of ${allowed.join(', ')}`);
    return v as T;
  }
  /** A list of objects, each checked by `each`; absent (an older version) gives an empty list. */
  list<T>(field: string, each: (item: Checker) => T, optional = false): T[] {
    const v = this.value[field];
    if (v === undefined && optional) return [];
    if (!Array.isArray(v)) this.fail(field, 'a list');
    return v.map((item, i) => each(checker(`${this.where} ${field}[${i}]`, item)));
  }
  strings(field: string): string[] {
    const v = this.value[field];
    if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) this.fail(field, 'a list of texts');
    return v as string[];
  }
  ints(field: string): number[] {
    const v = this.value[field];
    if (!Array.isArray(v) || v.some((n) => typeof n !== 'number' || !Number.isInteger(n) || n <= 0))
      this.fail(field, 'a list of positive whole numbers');
    return v as number[];
  }
  /** A chat location (see `ChatRecord`); absent or null give null. Its link must be http(s). */
  optChat(field: string): ChatRecord | null {
    const v = this.value[field];
    if (v === undefined || v === null) return null;
    const c = checker(`${this.where} ${field}`, v);
    const permalink = c.optStr('permalink');
    if (permalink !== null && !/^https?:\/\/[^\s]+$/i.test(permalink)) c.fail('permalink', 'an http(s) address or null');
    return { platform: c.str('platform'), channelId: c.str('channelId'), messageId: c.str('messageId'), permalink };
  }
  raw(field: string): unknown {
    return this.value[field];
  }
}

function checker(where: string, value: unknown): Checker {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ImportFormatError(`${where}: not an object`);
  return new Checker(where, value as Raw);
}

const PROPOSAL_STATUSES: readonly ProposalStatus[] = ['proposed', 'studying', 'deployed', 'rejected'];
const PHOTO_HASH = /^[0-9a-f]{64}$/;

function photoHashes(c: Checker, field: string): string[] {
  const hashes = c.strings(field);
  for (const h of hashes) if (!PHOTO_HASH.test(h)) throw new ImportFormatError(`"${h}" is not a photo hash`);
  return hashes;
}

function proposalOf(value: unknown, where: string): ProposalExport | null {
  if (value === undefined || value === null) return null;
  const p = checker(`${where} proposal`, value);
  return {
    status: p.oneOf('status', PROPOSAL_STATUSES),
    proposedByKey: p.optStr('proposedByKey'),
    createdAt: p.str('createdAt'),
    updatedAt: p.str('updatedAt'),
    events: p.list('events', (e) => ({
      key: e.str('key'),
      status: e.oneOf('status', PROPOSAL_STATUSES),
      note: e.text('note'),
      actorKey: e.optStr('actorKey'),
      at: e.str('at'),
    })),
  };
}

/** The header: the first line, naming the format and a version this code reads. */
export function checkHeader(value: unknown): HeaderRecord {
  const c = checker('first line', value);
  if (c.raw('type') !== 'header' || c.raw('format') !== EXPORT_FORMAT) {
    throw new ImportFormatError('not an export of this application (its first line is not an export header)');
  }
  const version = c.raw('version');
  if (typeof version !== 'number' || !READABLE_VERSIONS.has(version)) {
    throw new ImportFormatError(
      `export format version ${String(version)} is not one this version reads (1 to ${EXPORT_VERSION})`,
    );
  }
  return { type: 'header', format: EXPORT_FORMAT, version, instance: c.str('instance'), exportedAt: c.str('exportedAt') };
}

/** One record after the header, checked and completed with the defaults of older versions. */
export function checkRecord(value: unknown, line: number): ExportRecord {
  const where = `record ${line}`;
  const c = checker(where, value);
  const type = c.raw('type');
  switch (type) {
    case 'agent':
      return {
        type,
        key: c.str('key'),
        number: c.optInt('number'),
        platform: c.str('platform'),
        platformUserId: c.str('platformUserId'),
        displayName: c.text('displayName'),
        mairie: c.optStr('mairie'),
        locale: c.optStr('locale'),
        createdAt: c.str('createdAt'),
        announcements: c.list(
          'announcements',
          (a) => ({ kind: a.oneOf('kind', ['level', 'badge'] as const), key: a.str('key'), announcedAt: a.str('announcedAt') }),
          true,
        ),
      };
    case 'animator':
      return {
        type,
        platform: c.str('platform'),
        platformUserId: c.str('platformUserId'),
        addedByKey: c.optStr('addedByKey'),
        addedAt: c.str('addedAt'),
      };
    case 'photo': {
      const hash = c.str('hash');
      if (!PHOTO_HASH.test(hash)) throw new ImportFormatError(`${where}: "${hash}" is not a photo hash`);
      return {
        type,
        hash,
        width: c.int('width'),
        height: c.int('height'),
        widths: c.ints('widths'),
        createdAt: c.str('createdAt'),
      };
    }
    case 'bricolage':
      return {
        type,
        key: c.str('key'),
        authorKey: c.str('authorKey'),
        title: c.text('title'),
        problem: c.text('problem'),
        category: c.text('category'),
        status: c.oneOf('status', ['published', 'hidden'] as const),
        featured: c.bool('featured'),
        createdAt: c.str('createdAt'),
        publishedAt: c.optStr('publishedAt'),
        updatedAt: c.str('updatedAt'),
        steps: c.list('steps', (s) => ({ text: s.text('text'), photos: photoHashes(s, 'photos') })),
        chat: c.optChat('chat'),
        likes: c.list('likes', (l) => ({ agentKey: l.str('agentKey'), emoji: l.str('emoji'), createdAt: l.str('createdAt') })),
        comments: c.list('comments', (m) => ({
          key: m.str('key'),
          chat: m.optChat('chat'),
          authorKey: m.str('authorKey'),
          text: m.text('text'),
          status: m.oneOf('status', ['visible', 'hidden'] as const),
          createdAt: m.str('createdAt'),
          editedAt: m.optStr('editedAt'),
          photos: photoHashes(m, 'photos'),
        })),
        adoptions: c.list('adoptions', (a) => ({
          agentKey: a.str('agentKey'),
          mairie: a.optStr('mairie'),
          feedback: a.optStr('feedback'),
          createdAt: a.str('createdAt'),
          minutesPerWeek: a.optMinutesPerWeek('minutesPerWeek'),
          timeReportedAt: a.optStr('timeReportedAt'),
        })),
        proposal: proposalOf(c.raw('proposal'), where),
        adoptionNotices: c.list('adoptionNotices', (n) => ({ mairie: n.str('mairie'), notifiedAt: n.str('notifiedAt') }), true),
        provenAnnouncedAt: c.optStr('provenAnnouncedAt'),
      };
    case 'workshop':
      return {
        type,
        key: c.str('key'),
        title: c.text('title'),
        description: c.text('description'),
        status: c.oneOf('status', ['open', 'closed'] as const),
        openedByKey: c.optStr('openedByKey'),
        openedAt: c.str('openedAt'),
        closedByKey: c.optStr('closedByKey'),
        closedAt: c.optStr('closedAt'),
        summary: c.optStr('summary'),
        bricolages: c.list('bricolages', (l) => ({
          bricolageKey: l.str('bricolageKey'),
          linkedByKey: l.optStr('linkedByKey'),
          linkedAt: l.str('linkedAt'),
        })),
      };
    case 'audit':
      return {
        type,
        key: c.str('key'),
        at: c.str('at'),
        actorKey: c.optStr('actorKey'),
        action: c.str('action'),
        subjectType: c.str('subjectType'),
        subjectId: c.text('subjectId'),
        details: c.raw('details') ?? null,
      };
    default:
      throw new ImportFormatError(`${where}: unknown record type ${JSON.stringify(type)}`);
  }
}

/** How an import checks and writes (shared by its check pass and its write pass). */
export interface ImportOptions {
  /** Whether a photo's files are on disk; a photo record without them is refused. */
  photoFilesPresent?: (hash: string, widths: number[]) => boolean;
  /**
   * First pass: checks the files a photo not here yet brings (throws `ImportFormatError`). When
   * given, it is asked instead of `photoFilesPresent`, which the write pass still asks.
   */
  checkPhotoFiles?: (photo: PhotoRecord) => Promise<void>;
  /** Runs once the archive is checked whole, before the first write (puts its photos in place). */
  beforeWrite?: () => Promise<void> | void;
  /**
   * Whether the animateurs the archive names become animateurs here. Off by default: an archive
   * from elsewhere must not hand out moderation powers unless the operator asks for it.
   */
  withAnimators?: boolean;
  /** How long one write transaction may last before it commits (default `SLICE_MS`). */
  sliceMs?: number;
}
