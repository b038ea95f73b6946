/**
 * Frozen: what the gallery needs to stay fast at 10,000+ bricolages.
 * - `bricolage_stats`: like / comment / adoption counts per bricolage, kept by triggers in the same
 *   transaction as every write, whichever code path writes (bot, adapters, seed, tests).
 * - `bricolage_fts`: an FTS5 index (accents and case folded) of published bricolages over title,
 *   problem, steps, category and author, kept in sync by triggers on every write, edit, hide, delete;
 *   prefix indexes of 2 to 4 letters keep "last word as a prefix" queries fast on common prefixes.
 * - `gallery_version`: one counter bumped by every write that changes what a gallery page shows, so
 *   the page cache can tell in one indexed read whether a cached page is still true.
 * Self-contained: imports no app code.
 */
import { type Kysely, sql } from 'kysely';

/** Tables whose rows the gallery shows; any insert, update or delete bumps the data version. */
const VERSIONED_TABLES = [
  'agents',
  'bricolages',
  'steps',
  'step_photos',
  'photos',
  'likes',
  'comments',
  'comment_photos',
  'adoptions',
];

/** Rebuilds the index row of one bricolage (`id` is an SQL expression): only published ones are indexed. */
function reindex(id: string): string {
  return `
    DELETE FROM bricolage_fts WHERE rowid = ${id};
    INSERT INTO bricolage_fts (rowid, title, problem, steps, category, author)
      SELECT b.id, b.title, b.problem,
        coalesce((SELECT group_concat(s.text, char(10)) FROM (SELECT text FROM steps WHERE bricolage_id = b.id ORDER BY position) s), ''),
        b.category, a.display_name
      FROM bricolages b JOIN agents a ON a.id = b.author_id
      WHERE b.id = ${id} AND b.status = 'published';`;
}

/** A like counts once per distinct agent other than the author, whatever the number of emoji. */
const LIKE_TRIGGERS = `
  CREATE TRIGGER likes_stats_insert AFTER INSERT ON likes
  WHEN NEW.agent_id != (SELECT author_id FROM bricolages WHERE id = NEW.bricolage_id)
   AND (SELECT count(*) FROM likes WHERE bricolage_id = NEW.bricolage_id AND agent_id = NEW.agent_id) = 1
  BEGIN
    UPDATE bricolage_stats SET like_count = like_count + 1 WHERE bricolage_id = NEW.bricolage_id;
  END;
  CREATE TRIGGER likes_stats_delete AFTER DELETE ON likes
  WHEN OLD.agent_id != (SELECT author_id FROM bricolages WHERE id = OLD.bricolage_id)
   AND NOT EXISTS (SELECT 1 FROM likes WHERE bricolage_id = OLD.bricolage_id AND agent_id = OLD.agent_id)
  BEGIN
    UPDATE bricolage_stats SET like_count = like_count - 1 WHERE bricolage_id = OLD.bricolage_id;
  END;`;

const COMMENT_TRIGGERS = `
  CREATE TRIGGER comments_stats_insert AFTER INSERT ON comments WHEN NEW.status = 'visible'
  BEGIN
    UPDATE bricolage_stats SET comment_count = comment_count + 1 WHERE bricolage_id = NEW.bricolage_id;
  END;
  CREATE TRIGGER comments_stats_delete AFTER DELETE ON comments WHEN OLD.status = 'visible'
  BEGIN
    UPDATE bricolage_stats SET comment_count = comment_count - 1 WHERE bricolage_id = OLD.bricolage_id;
  END;
  CREATE TRIGGER comments_stats_update AFTER UPDATE OF status, bricolage_id ON comments
  BEGIN
    UPDATE bricolage_stats SET comment_count = comment_count - 1
      WHERE bricolage_id = OLD.bricolage_id AND OLD.status = 'visible';
    UPDATE bricolage_stats SET comment_count = comment_count + 1
      WHERE bricolage_id = NEW.bricolage_id AND NEW.status = 'visible';
  END;`;

const ADOPTION_TRIGGERS = `
  CREATE TRIGGER adoptions_stats_insert AFTER INSERT ON adoptions
  BEGIN
    UPDATE bricolage_stats SET adoption_count = adoption_count + 1 WHERE bricolage_id = NEW.bricolage_id;
  END;
  CREATE TRIGGER adoptions_stats_delete AFTER DELETE ON adoptions
  BEGIN
    UPDATE bricolage_stats SET adoption_count = adoption_count - 1 WHERE bricolage_id = OLD.bricolage_id;
  END;`;

const INDEX_TRIGGERS = `
  CREATE TRIGGER bricolages_gallery_insert AFTER INSERT ON bricolages
  BEGIN
    INSERT INTO bricolage_stats (bricolage_id) VALUES (NEW.id);
    ${reindex('NEW.id')}
  END;
  CREATE TRIGGER bricolages_fts_update AFTER UPDATE OF title, problem, category, status, author_id ON bricolages
  BEGIN
    ${reindex('NEW.id')}
  END;
  CREATE TRIGGER bricolages_fts_delete AFTER DELETE ON bricolages
  BEGIN
    DELETE FROM bricolage_fts WHERE rowid = OLD.id;
  END;
  CREATE TRIGGER steps_fts_insert AFTER INSERT ON steps
  BEGIN
    ${reindex('NEW.bricolage_id')}
  END;
  CREATE TRIGGER steps_fts_update AFTER UPDATE ON steps
  BEGIN
    ${reindex('OLD.bricolage_id')}
    ${reindex('NEW.bricolage_id')}
  END;
  CREATE TRIGGER steps_fts_delete AFTER DELETE ON steps
  BEGIN
    ${reindex('OLD.bricolage_id')}
  END;
  CREATE TRIGGER agents_fts_rename AFTER UPDATE OF display_name ON agents
  BEGIN
    DELETE FROM bricolage_fts WHERE rowid IN (SELECT id FROM bricolages WHERE author_id = NEW.id);
    INSERT INTO bricolage_fts (rowid, title, problem, steps, category, author)
      SELECT b.id, b.title, b.problem,
        coalesce((SELECT group_concat(s.text, char(10)) FROM (SELECT text FROM steps WHERE bricolage_id = b.id ORDER BY position) s), ''),
        b.category, NEW.display_name
      FROM bricolages b WHERE b.author_id = NEW.id AND b.status = 'published';
  END;`;

function versionTriggers(): string {
  return VERSIONED_TABLES.flatMap((table) =>
    ['INSERT', 'UPDATE', 'DELETE'].map(
      (event) => `
  CREATE TRIGGER ${table}_version_${event.toLowerCase()} AFTER ${event} ON ${table}
  BEGIN
    UPDATE gallery_version SET version = version + 1 WHERE id = 1;
  END;`,
    ),
  ).join('\n');
}

async function script(db: Kysely<any>, text: string): Promise<void> {
  // One statement per call: the driver prepares statements one at a time. Triggers end with "END;".
  const statements: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    current += `${line}\n`;
    const trimmed = line.trim();
    const inTrigger = /^\s*CREATE TRIGGER/i.test(current);
    if ((inTrigger && trimmed === 'END;') || (!inTrigger && trimmed.endsWith(';'))) {
      if (current.trim()) statements.push(current.trim());
      current = '';
    }
  }
  if (current.trim()) statements.push(current.trim());
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  await script(
    db,
    `
  CREATE TABLE bricolage_stats (
    bricolage_id INTEGER PRIMARY KEY REFERENCES bricolages(id) ON DELETE CASCADE,
    like_count INTEGER NOT NULL DEFAULT 0,
    comment_count INTEGER NOT NULL DEFAULT 0,
    adoption_count INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX bricolage_stats_likes ON bricolage_stats (like_count DESC, bricolage_id DESC);
  CREATE INDEX bricolage_stats_comments ON bricolage_stats (comment_count DESC, bricolage_id DESC);
  CREATE INDEX bricolage_stats_adoptions ON bricolage_stats (adoption_count DESC, bricolage_id DESC);
  CREATE INDEX bricolages_status_category ON bricolages (status, category, published_at);
  CREATE INDEX bricolages_featured ON bricolages (featured, status, published_at);
  -- likes_created and adoptions_created come from 2026-11-29-01-community-2-adoptions.
  CREATE INDEX likes_agent ON likes (agent_id);
  CREATE INDEX comments_author ON comments (author_id);
  CREATE INDEX adoptions_agent_id ON adoptions (agent_id);
  CREATE INDEX agents_mairie ON agents (mairie);
  CREATE INDEX steps_bricolage ON steps (bricolage_id, position);
  CREATE VIRTUAL TABLE bricolage_fts USING fts5 (
    title, problem, steps, category, author,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3 4'
  );
  CREATE TABLE gallery_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
  );
  INSERT INTO gallery_version (id, version) VALUES (1, 1);
  INSERT INTO bricolage_stats (bricolage_id, like_count, comment_count, adoption_count)
    SELECT b.id,
      (SELECT count(DISTINCT l.agent_id) FROM likes l WHERE l.bricolage_id = b.id AND l.agent_id != b.author_id),
      (SELECT count(*) FROM comments c WHERE c.bricolage_id = b.id AND c.status = 'visible'),
      (SELECT count(*) FROM adoptions ad WHERE ad.bricolage_id = b.id)
    FROM bricolages b;
  INSERT INTO bricolage_fts (rowid, title, problem, steps, category, author)
    SELECT b.id, b.title, b.problem,
      coalesce((SELECT group_concat(s.text, char(10)) FROM (SELECT text FROM steps WHERE bricolage_id = b.id ORDER BY position) s), ''),
      b.category, a.display_name
    FROM bricolages b JOIN agents a ON a.id = b.author_id
    WHERE b.status = 'published';
  ${LIKE_TRIGGERS}
  ${COMMENT_TRIGGERS}
  ${ADOPTION_TRIGGERS}
  ${INDEX_TRIGGERS}
  ${versionTriggers()}
  `,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  const triggers = await sql<{ name: string }>`
    SELECT name FROM sqlite_master WHERE type = 'trigger'
      AND (name LIKE '%\\_stats\\_%' ESCAPE '\\' OR name LIKE '%\\_fts\\_%' ESCAPE '\\'
        OR name LIKE '%\\_version\\_%' ESCAPE '\\' OR name = 'bricolages_gallery_insert')`.execute(db);
  for (const { name } of triggers.rows) await sql.raw(`DROP TRIGGER ${name}`).execute(db);
  for (const index of [
    'bricolages_status_category',
    'bricolages_featured',
    'likes_agent',
    'comments_author',
    'adoptions_agent_id',
    'agents_mairie',
    'steps_bricolage',
  ])
    await sql.raw(`DROP INDEX ${index}`).execute(db);
  for (const table of ['bricolage_fts', 'gallery_version', 'bricolage_stats']) await sql.raw(`DROP TABLE ${table}`).execute(db);
}
