/**
 * The one `Database` interface Kysely types every query with. Columns are snake_case as stored;
 * nullable columns are `T | null`; generated ids and defaults are `Generated<T>`.
 */
import type { ColumnType, Generated, Selectable } from 'kysely';

export type BricolageStatus = 'draft' | 'published' | 'hidden';
export type CommentStatus = 'visible' | 'hidden';

export interface AgentTable {
  id: Generated<number>;
  platform: string;
  platform_user_id: string;
  display_name: string;
  mairie: string | null;
  locale: string | null;
  created_at: string;
}

export interface BricolageTable {
  id: Generated<number>;
  author_id: number;
  title: string;
  problem: string;
  category: string;
  status: BricolageStatus;
  featured: ColumnType<number, number | undefined, number>;
  /** The chat message the bricolage was posted as; null until the post succeeded. */
  chat_platform: string | null;
  chat_channel_id: string | null;
  chat_message_id: string | null;
  chat_permalink: string | null;
  created_at: string;
  published_at: string | null;
  updated_at: string;
}

export interface StepTable {
  id: Generated<number>;
  bricolage_id: number;
  position: number;
  text: string;
}

/** A stored photo: content-addressed WebP renditions live under `DATA_DIR/media`. */
export interface PhotoTable {
  hash: string;
  width: number;
  height: number;
  /** The widths actually written (JSON array), never wider than the original. */
  widths: string;
  created_at: string;
}

export interface StepPhotoTable {
  step_id: number;
  photo_hash: string;
  position: number;
}

/** One row per (bricolage, agent, emoji); a like is a distinct agent other than the author. */
export interface LikeTable {
  bricolage_id: number;
  agent_id: number;
  emoji: string;
  created_at: string;
}

export interface CommentTable {
  id: Generated<number>;
  bricolage_id: number;
  author_id: number;
  text: string;
  status: CommentStatus;
  chat_platform: string | null;
  chat_channel_id: string | null;
  chat_message_id: string | null;
  created_at: string;
  edited_at: string | null;
}

export interface CommentPhotoTable {
  comment_id: number;
  photo_hash: string;
  position: number;
}

export interface AdoptionTable {
  id: Generated<number>;
  bricolage_id: number;
  agent_id: number;
  mairie: string | null;
  feedback: string | null;
  created_at: string;
  /** Time saved as the agent reported it, in minutes per week (issue 20); null until reported. */
  minutes_per_week: Generated<number | null>;
  time_reported_at: Generated<string | null>;
}

/** The posting conversation of one agent, as the wizard's JSON state. */
export interface ConversationTable {
  agent_id: number;
  state: string;
  updated_at: string;
  reminded_at: string | null;
}

/** Every inbound event, recorded before the platform is acknowledged; unique per platform. */
export interface InboxTable {
  id: Generated<number>;
  platform: string;
  event_id: string;
  payload: string;
  received_at: string;
  processed_at: string | null;
  error: string | null;
  // ops: retries (migration 2026-11-29-04-ops)
  /** Failed processing attempts so far. */
  attempts: ColumnType<number, number | undefined, number>;
  /** When a failed event is due again; null when it has not failed. */
  next_attempt_at: string | null;
  /** Set once the attempts are spent: the event is kept aside with its last `error`. */
  failed_at: string | null;
  // instances: claims (migration 2026-12-04-10-instances; used on PostgreSQL only)
  /** `platform:sender`, derived from the payload: one agent's events are processed in this order. */
  agent_key: ColumnType<string | null, never, never>;
  /** The instance processing the row, until `claimed_until` (a lease a killed instance lets expire). */
  claimed_by: string | null;
  claimed_until: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_agent_id: number | null;
  action: string;
  subject_type: string;
  subject_id: string;
  details: string | null;
}

/** Messages of the built-in local chat (the adapter's own platform storage). */
export interface LocalMessageTable {
  id: Generated<number>;
  channel_id: string;
  thread_id: number | null;
  author_id: string;
  text: string;
  /** JSON: { buttons?, card?, photos? } */
  extra: string | null;
  created_at: string;
  edited_at: string | null;
  deleted_at: string | null;
}

export interface LocalReactionTable {
  message_id: number;
  user_id: string;
  emoji: string;
  created_at: string;
}

// ops: export / import (migration 2026-11-29-04-ops)
/** An item brought in by `npm run import`: its key in the archive and its row here. */
export interface ImportedItemTable {
  kind: 'bricolage' | 'comment' | 'workshop' | 'challenge' | 'audit' | 'proposal_event';
  source_key: string;
  local_id: number;
}

/** Small per-instance settings, e.g. `instance_id`, the prefix of exported keys. */
export interface InstanceMetaTable {
  key: string;
  value: string;
}
// --- gallery (migration 2026-11-29-02-gallery) ---
/** Counts per bricolage, kept by triggers in the same transaction as each write. */
export interface BricolageStatsTable {
  bricolage_id: number;
  like_count: Generated<number>;
  comment_count: Generated<number>;
  adoption_count: Generated<number>;
}

/** One row, bumped by triggers on every write the gallery shows: the page cache's validity key. */
export interface GalleryVersionTable {
  id: number;
  version: number;
}
// --- end gallery ---

// --- community (issue 7): scheduler, animateurs, announcements --------------------------------

/** One row per job and slot, inserted before the job acts: the unique key makes a slot run once. */
export interface SchedulerRunTable {
  id: Generated<number>;
  job: string;
  /** The slot's ISO instant (`start:<iso>` for a run at start). */
  slot: string;
  /** Which process claimed it (host:pid:random), for the logs. */
  instance: string;
  started_at: string;
  finished_at: string | null;
  error: string | null;
}

/** Animateurs added at runtime (`animateur ajouter`), on top of the `ANIMATORS` setting. */
export interface AnimatorTable {
  platform: string;
  platform_user_id: string;
  added_by_agent_id: number | null;
  added_at: string;
}

/** What was announced to an agent (a level reached, a badge earned), so it is announced once. */
export interface AgentAnnouncementTable {
  agent_id: number;
  kind: 'level' | 'badge';
  key: string;
  announced_at: string;
}

/** The mairies an author was told adopted their bricolage, so each is told once. */
export interface AdoptionNoticeTable {
  bricolage_id: number;
  mairie: string;
  notified_at: string;
}
// --- Agents' own data (rights) ---

/** A `mes données` download link: only the SHA-256 of its token is stored; it expires. */
export interface DataExportTable {
  token_hash: string;
  agent_id: number;
  created_at: string;
  expires_at: string;
}

// --- end rights ---

export interface Database {
  agents: AgentTable;
  bricolages: BricolageTable;
  steps: StepTable;
  photos: PhotoTable;
  step_photos: StepPhotoTable;
  likes: LikeTable;
  comments: CommentTable;
  comment_photos: CommentPhotoTable;
  adoptions: AdoptionTable;
  conversations: ConversationTable;
  inbox: InboxTable;
  audit_log: AuditLogTable;
  local_messages: LocalMessageTable;
  local_reactions: LocalReactionTable;
  // ops
  imported_items: ImportedItemTable;
  instance_meta: InstanceMetaTable;
  bricolage_stats: BricolageStatsTable;
  gallery_version: GalleryVersionTable;
  // community
  scheduler_runs: SchedulerRunTable;
  animators: AnimatorTable;
  agent_announcements: AgentAnnouncementTable;
  adoption_notices: AdoptionNoticeTable;
  data_exports: DataExportTable;
}

export type Agent = Selectable<AgentTable>;
export type Bricolage = Selectable<BricolageTable>;
export type Step = Selectable<StepTable>;
export type Photo = Selectable<PhotoTable>;
export type Comment = Selectable<CommentTable>;
export type InboxRow = Selectable<InboxTable>;

// --- Animation: ateliers de débogage (workshops) ---

export type WorkshopStatus = 'open' | 'closed';

/** An atelier de débogage on one recurring problem, opened and closed by an animateur. */
export interface WorkshopTable {
  id: Generated<number>;
  title: string;
  description: string;
  status: WorkshopStatus;
  opened_by: number | null;
  opened_at: string;
  closed_by: number | null;
  closed_at: string | null;
  /** What came out of it, written by the animateur when closing. */
  summary: string | null;
  /** The announcement in the community channel; null until it was posted. */
  chat_platform: string | null;
  chat_channel_id: string | null;
  chat_message_id: string | null;
}

/** A bricolage that resulted from a workshop; its author is a contributor ("Atelier" badge). */
export interface WorkshopBricolageTable {
  workshop_id: number;
  bricolage_id: number;
  linked_by: number | null;
  linked_at: string;
}

export interface Database {
  workshops: WorkshopTable;
  workshop_bricolages: WorkshopBricolageTable;
}

export type Workshop = Selectable<WorkshopTable>;

// --- proven: bricolages that proved themselves, and proposals to the central administration ---

export type ProposalStatus = 'proposed' | 'studying' | 'deployed' | 'rejected';

/** A bricolage an animateur proposed to the central administration, and where it stands. */
export interface ProposalTable {
  bricolage_id: number;
  status: ProposalStatus;
  proposed_by: number | null;
  created_at: string;
  updated_at: string;
}

/** Each status a proposal took (the first one included), with its dated note. */
export interface ProposalEventTable {
  id: Generated<number>;
  bricolage_id: number;
  status: ProposalStatus;
  note: string;
  actor_agent_id: number | null;
  at: string;
}

/** Bricolages announced as proven, so each is announced once. */
export interface ProvenAnnouncementTable {
  bricolage_id: number;
  announced_at: string;
}

export interface Database {
  proposals: ProposalTable;
  proposal_events: ProposalEventTable;
  proven_announcements: ProvenAnnouncementTable;
}

// --- the one question an agent is being asked (bot/dialog.ts) ---

/** The question waiting for the agent's next message: which kind, its machine's state as JSON. */
export interface PendingQuestionTable {
  agent_id: number;
  kind: string;
  state: string;
  asked_at: string;
  /** Past this instant the question is forgotten: the next message is read as usual. */
  expires_at: string;
}

export interface Database {
  pending_questions: PendingQuestionTable;
}

// --- défis between mairies (challenges) and the welcome of newcomers (issue 19) ---

export type ChallengeStatus = 'open' | 'closed';

/** A défi between mairies: opened by an animateur, it closes by itself at `ends_at`. */
export interface ChallengeTable {
  id: Generated<number>;
  title: string;
  description: string;
  status: ChallengeStatus;
  opened_by: number | null;
  opened_at: string;
  /** The instant it closes by itself: midnight, Paris time, after its last day. */
  ends_at: string;
  /** Null when it closed by itself at its end date. */
  closed_by: number | null;
  closed_at: string | null;
  /** The result announced at close (`ChallengeResult` of `storage/challenges.ts`), as JSON. */
  result: string | null;
  /** The announcement in the community channel; null until it was posted. */
  chat_platform: string | null;
  chat_channel_id: string | null;
  chat_message_id: string | null;
}

export interface ChallengeBricolageTable {
  challenge_id: number;
  bricolage_id: number;
  linked_by: number | null;
  linked_at: string;
}

/** Agents of a winning mairie at close: the fact behind the "Défi" badge. */
export interface ChallengeWinnerTable {
  challenge_id: number;
  agent_id: number;
  mairie: string;
}

/** One row per agent ever welcomed (claimed before the message is sent); null `welcomed_at`: known before. */
export interface WelcomeTable {
  agent_id: number;
  welcomed_at: string | null;
}

export interface Database {
  challenges: ChallengeTable;
  challenge_bricolages: ChallengeBricolageTable;
  challenge_winners: ChallengeWinnerTable;
  welcomes: WelcomeTable;
}

export type Challenge = Selectable<ChallengeTable>;
