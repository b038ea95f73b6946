/**
 * The first pass of an import (`importRecords`): reads only. Every record is checked, and every
 * agent, photo and bricolage linked to a workshop or a défi it names must be listed before it in the archive or be here
 * already; keys are used once, and a key the write pass would give a new row must not be here
 * already (it would collide halfway through the writes). A bad archive is refused here, before
 * anything is written.
 */
import type { Db } from '../db.js';
import { agentIdOfKey, localIdOf } from './keys.js';
import {
  type BricolageRecord,
  checkHeader,
  checkRecord,
  type HeaderRecord,
  ImportFormatError,
  type ImportOptions,
} from './records.js';

/** Throws `ImportFormatError` on the first problem; returns the archive's header. */
export async function checkArchive(
  db: Db,
  own: string,
  records: AsyncIterable<unknown> | Iterable<unknown>,
  options: ImportOptions,
): Promise<HeaderRecord> {
  const agents = new Set<string>();
  const photos = new Set<string>();
  const bricolages = new Set<string>();
  const keys = new Set<string>();
  /** Keys of bricolages, comments, workshops, défis, events and journal entries are each used once. */
  const once = (key: string): void => {
    if (keys.has(key)) throw new ImportFormatError(`the archive uses the key ${key} twice`);
    keys.add(key);
  };
  const agent = async (key: string | null): Promise<void> => {
    if (key === null || agents.has(key)) return;
    if ((await agentIdOfKey(db, key)) === null) throw new ImportFormatError(`the archive names agent ${key} without listing it`);
    agents.add(key);
  };
  const photo = async (hashes: string[]): Promise<void> => {
    const unknown = hashes.filter((h) => !photos.has(h));
    if (unknown.length === 0) return;
    const stored = await photoHashesStored(db, unknown);
    const missing = unknown.find((h) => !stored.has(h));
    if (missing) throw new ImportFormatError(`the archive uses photo ${missing} without listing it`);
    for (const h of unknown) photos.add(h);
  };

  let header: HeaderRecord | null = null;
  let line = 0;
  for await (const raw of records) {
    line += 1;
    if (!header) {
      header = checkHeader(raw);
      continue;
    }
    const r = checkRecord(raw, line);
    switch (r.type) {
      case 'agent':
        agents.add(`${r.platform}:${r.platformUserId}`);
        break;
      case 'animator':
        await agent(r.addedByKey);
        break;
      case 'photo':
        // A photo already here keeps its files; a new one must bring files that match it.
        if (!photos.has(r.hash) && (await photoHashesStored(db, [r.hash])).size === 0) {
          if (options.checkPhotoFiles) await options.checkPhotoFiles(r);
          else if (options.photoFilesPresent && !options.photoFilesPresent(r.hash, r.widths))
            throw new ImportFormatError(`the archive lists photo ${r.hash} without its files`);
        }
        photos.add(r.hash);
        break;
      case 'bricolage':
        for (const key of [
          r.authorKey,
          ...r.likes.map((l) => l.agentKey),
          ...r.comments.map((c) => c.authorKey),
          ...r.adoptions.map((a) => a.agentKey),
          r.proposal?.proposedByKey ?? null,
          ...(r.proposal?.events.map((e) => e.actorKey) ?? []),
        ])
          await agent(key);
        await photo([...r.steps.flatMap((s) => s.photos), ...r.comments.flatMap((c) => c.photos)]);
        for (const key of [r.key, ...r.comments.map((c) => c.key), ...(r.proposal?.events.map((e) => e.key) ?? [])]) once(key);
        await notHereYet(db, own, r);
        bricolages.add(r.key);
        break;
      case 'workshop':
      case 'challenge': {
        once(r.key);
        const winners = r.type === 'challenge' ? r.winners.map((w) => w.agentKey) : [];
        for (const key of [r.openedByKey, r.closedByKey, ...r.bricolages.map((l) => l.linkedByKey), ...winners]) await agent(key);
        for (const link of r.bricolages) {
          if (bricolages.has(link.bricolageKey) || (await localIdOf(db, own, 'bricolage', link.bricolageKey)) !== null) continue;
          throw new ImportFormatError(`${r.type} ${r.key} links bricolage ${link.bricolageKey}, not in the archive`);
        }
        break;
      }
      case 'audit':
        once(r.key);
        await agent(r.actorKey);
        break;
      case 'header':
        throw new ImportFormatError(`record ${line}: a second header`);
    }
  }
  if (!header) throw new ImportFormatError('the archive holds no records');
  return header;
}

/**
 * The keys the write pass gives new rows, none of which may be here already: the comments of a
 * bricolage not here yet (those of one here are looked up one by one and skipped), and the events
 * of a proposal not here yet (one here keeps its own history).
 */
async function notHereYet(db: Db, own: string, r: BricolageRecord): Promise<void> {
  const local = await localIdOf(db, own, 'bricolage', r.key);
  if (local === null) {
    for (const c of r.comments) {
      if ((await localIdOf(db, own, 'comment', c.key)) !== null)
        throw new ImportFormatError(`the archive's comment ${c.key} is already here, under another bricolage than ${r.key}`);
    }
  }
  if (!r.proposal || r.proposal.events.length === 0) return;
  if (
    local !== null &&
    (await db.selectFrom('proposals').select('bricolage_id').where('bricolage_id', '=', local).executeTakeFirst())
  )
    return;
  for (const e of r.proposal.events) {
    if ((await localIdOf(db, own, 'proposal_event', e.key)) !== null)
      throw new ImportFormatError(
        `the archive's proposal event ${e.key} is already here, under another proposal than ${r.key}'s`,
      );
  }
}

async function photoHashesStored(db: Db, hashes: string[]): Promise<Set<string>> {
  const rows = await db.selectFrom('photos').select('hash').where('hash', 'in', hashes).execute();
  return new Set(rows.map((r) => r.hash));
}
