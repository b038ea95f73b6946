/**
 * What `npm run export` does with each table, and why: exported (in the archive), derived (rebuilt
 * by triggers as the import writes), or local to one instance (never exported). A test checks that
 * every table of the migrated schema is listed here and in `docs/export-format.md`, so a new table
 * cannot be forgotten silently.
 */
export type TablePolicy = 'exported' | 'derived' | 'local';

export const TABLE_POLICIES: Readonly<Record<string, { policy: TablePolicy; why: string }>> = {
  agents: { policy: 'exported', why: 'keyed by chat identity (`platform:user id`), the same person on every instance' },
  agent_announcements: { policy: 'exported', why: 'levels and badges already announced, so they are not announced again' },
  animators: { policy: 'exported', why: 'the animateur role given at runtime (those of `ANIMATORS` are configuration)' },
  photos: { policy: 'exported', why: 'with their renditions under `media/`' },
  bricolages: {
    policy: 'exported',
    why: 'published and hidden, with à la une; drafts stay with their conversation; chat links stay',
  },
  steps: { policy: 'exported', why: 'inside their bricolage' },
  step_photos: { policy: 'exported', why: 'inside their step' },
  likes: { policy: 'exported', why: 'inside their bricolage' },
  comments: { policy: 'exported', why: 'inside their bricolage, hidden ones included, with their key' },
  comment_photos: { policy: 'exported', why: 'inside their comment' },
  adoptions: { policy: 'exported', why: 'inside their bricolage, with mairie and feedback' },
  adoption_notices: { policy: 'exported', why: 'mairies the author was told about, so they are not told again' },
  proven_announcements: { policy: 'exported', why: 'a fait ses preuves already announced, so not announced again' },
  proposals: { policy: 'exported', why: 'inside their bricolage: status, who proposed it' },
  proposal_events: { policy: 'exported', why: 'the proposal history, each event with its key' },
  workshops: { policy: 'exported', why: 'with their key; the chat announcement link stays' },
  workshop_bricolages: { policy: 'exported', why: 'inside their workshop, by bricolage key' },
  challenges: {
    policy: 'exported',
    why: 'with their key, dates and result (its most adopted bricolage by key); the chat announcement link stays',
  },
  challenge_bricolages: { policy: 'exported', why: 'inside their défi, by bricolage key' },
  challenge_winners: { policy: 'exported', why: 'inside their défi: the agents of the winning mairie (the "Défi" badge)' },
  welcomes: { policy: 'exported', why: 'inside their agent, so nobody is welcomed twice after a move' },
  audit_log: { policy: 'exported', why: 'the journal, with bricolage, comment, workshop and défi ids written as keys' },
  bricolage_stats: { policy: 'derived', why: 'counts kept by triggers as likes, comments and adoptions are imported' },
  bricolage_fts: { policy: 'derived', why: 'full-text index kept by triggers (with its `bricolage_fts_*` shadow tables)' },
  bricolage_fts_config: { policy: 'derived', why: 'FTS5 shadow table' },
  bricolage_fts_content: { policy: 'derived', why: 'FTS5 shadow table' },
  bricolage_fts_data: { policy: 'derived', why: 'FTS5 shadow table' },
  bricolage_fts_docsize: { policy: 'derived', why: 'FTS5 shadow table' },
  bricolage_fts_idx: { policy: 'derived', why: 'FTS5 shadow table' },
  gallery_version: { policy: 'derived', why: 'page cache counter, bumped by triggers' },
  sqlite_sequence: { policy: 'derived', why: "SQLite's own id counters" },
  conversations: { policy: 'local', why: 'a posting conversation in progress in this chat' },
  pending_questions: { policy: 'local', why: 'the one question each agent is being asked in this chat, short-lived' },
  data_exports: { policy: 'local', why: 'personal download tokens, short-lived' },
  inbox: { policy: 'local', why: "this instance's inbound chat events" },
  scheduler_runs: { policy: 'local', why: 'which job slots this instance ran' },
  local_messages: { policy: 'local', why: "the built-in local chat's own storage, like a chat platform's" },
  local_reactions: { policy: 'local', why: "the built-in local chat's own storage" },
  imported_items: { policy: 'local', why: 'which archive key each imported row came from (exports carry the keys)' },
  instance_meta: { policy: 'local', why: "this instance's id, the prefix of its keys" },
  kysely_migration: { policy: 'local', why: 'schema version' },
  kysely_migration_lock: { policy: 'local', why: 'schema version' },
};
