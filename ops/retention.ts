/**
 * Retention: processed inbox rows older than `RETENTION_DAYS` are deleted (a platform redelivers
 * within minutes, so the dedupe key is no longer needed), and so are local chat uploads that no
 * message shows any more and that are older than the same age. Events kept aside are never pruned.
 * Expired pending questions (`storage/pending.ts`) are dropped whatever their age: they are
 * already as good as gone, and the row may hold the words of an unanswered question. Media files
 * that no photo names (a failed write, import or deletion) go after a day, in whichever store.
 * Ready to be registered as a job on `bot/scheduler.ts` once it lands; `npm run retention` runs it.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';
import type { Db } from '../storage/db.js';
import { pruneProcessed } from '../storage/inbox.js';
import { mediaStore } from '../storage/media/index.js';
import { pruneExpiredPending } from '../storage/pending.js';
import { referencedUploadIds } from '../storage/retention.js';
import { deleteOrphanFiles } from '../storage/unused-photos.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A media file without its photo row is left alone this long: files are stored before their row. */
const ORPHAN_MEDIA_GRACE_MS = DAY_MS;
const UPLOAD_NAME = /^[a-f0-9]{32}$/;

export interface RetentionResult {
  inboxRows: number;
  uploads: number;
  pendingQuestions: number;
  /** Media files no photo names any more (in the configured media store). */
  orphanMedia: number;
}

export async function pruneRetention(db: Db, config: Config, now = new Date()): Promise<RetentionResult> {
  const cutoff = new Date(now.getTime() - config.retentionDays * DAY_MS);
  const inboxRows = await pruneProcessed(db, cutoff.toISOString());
  const pendingQuestions = await pruneExpiredPending(db, now.toISOString());
  let uploads = 0;
  const dir = path.join(config.dataDir, 'uploads');
  let names: string[] = [];
  try {
    names = await fs.readdir(dir);
  } catch {
    names = [];
  }
  if (names.length > 0) {
    const referenced = await referencedUploadIds(db);
    for (const name of names) {
      if (!UPLOAD_NAME.test(name) || referenced.has(name)) continue;
      const file = path.join(dir, name);
      const stat = await fs.stat(file).catch(() => null);
      if (!stat || stat.mtime > cutoff) continue;
      await fs.rm(file, { force: true });
      uploads += 1;
    }
  }
  const orphanMedia = await deleteOrphanFiles(db, mediaStore(config.media), new Date(now.getTime() - ORPHAN_MEDIA_GRACE_MS));
  return { inboxRows, uploads, pendingQuestions, orphanMedia };
}
