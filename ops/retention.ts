/**
 * Retention: processed inbox rows older than `RETENTION_DAYS` are deleted (a platform redelivers
 * within minutes, so the dedupe key is no longer needed), and so are local chat uploads that no
 * message shows any more and that are older than the same age. Events kept aside are never pruned.
 * Expired pending questions (`storage/pending.ts`) are dropped whatever their age: they are
 * already as good as gone, and the row may hold the words of an unanswered question.
 * Ready to be registered as a job on `bot/scheduler.ts` once it lands; `npm run retention` runs it.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';
import type { Db } from '../storage/db.js';
import { pruneProcessed } from '../storage/inbox.js';
import { pruneExpiredPending } from '../storage/pending.js';
import { referencedUploadIds } from '../storage/retention.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const UPLOAD_NAME = /^[a-f0-9]{32}$/;

export interface RetentionResult {
  inboxRows: number;
  uploads: number;
  pendingQuestions: number;
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
  return { inboxRows, uploads, pendingQuestions };
}
