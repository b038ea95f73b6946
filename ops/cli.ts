/**
 * `npm run backup | restore | export | import`: the operations tools, on the configuration of
 * `npm start` (environment or `.env`). Backup and export are safe while the server runs.
 */
import { pathToFileURL } from 'node:url';
import { ConfigError, loadConfig, loadDotEnv } from '../config.js';
import { migrate, openConfiguredDatabase, prepareSchema, SchemaBehindError } from '../storage/db.js';
import { IMPORT_KINDS, ImportFormatError, ImportStoppedError, type ImportSummary } from '../storage/transfer/transfer.js';
import { type ArchiveLimits, backupTo, exportTo, importFrom, OpsError, restoreFrom } from './archive.js';
import { pruneRetention } from './retention.js';

const USAGE = `usage:
  npm run backup                     online backup to DATA_DIR/backups/bricoleur-<date>.tar
  npm run restore -- <file> [--force] [--max-gb=<n>]
                                     put a backup back (stop the server first)
  npm run export -- [file]           content + photos to one .tar.gz (default DATA_DIR/exports/)
  npm run import -- <file> [--with-animators] [--max-gb=<n>]
                                     add what an export holds; importing twice adds nothing;
                                     the animateurs it names become animateurs here only with
                                     --with-animators
  --max-gb=<n>                       raise the caps on an archive read back (20 GB in all,
                                     16 GB of database, 2 GB of content.jsonl) to n GB each
  npm run retention                  prune old processed inbox rows, orphan local uploads and expired questions
  npm run migrate                    apply the database's pending migrations, once (before starting instances)`;

/** One line per kind: what the import added, and what was already here (skipped). */
export function describeImport(summary: ImportSummary): string {
  const width = Math.max(...IMPORT_KINDS.map((k) => k.length));
  const lines = IMPORT_KINDS.map((kind) => {
    const { added, skipped } = summary.counts[kind];
    return `  ${kind.padEnd(width)}  ${String(added).padStart(6)} added  ${String(skipped).padStart(6)} skipped (already here)`;
  });
  const withheld =
    summary.animatorsWithheld > 0
      ? [
          `  animateurs the archive names, not made animateurs here: ${summary.animatorsWithheld} (pass --with-animators for that)`,
        ]
      : [];
  return [`imported from instance ${summary.source} (export format version ${summary.version}):`, ...lines, ...withheld].join(
    '\n',
  );
}

/** `--max-gb=<n>`: the caps of an archive read back, raised for a very large instance. */
function archiveCaps(flags: string[]): Partial<ArchiveLimits> {
  const flag = flags.find((a) => a.startsWith('--max-gb='));
  if (!flag) return {};
  const gb = Number(flag.slice('--max-gb='.length));
  if (!Number.isInteger(gb) || gb < 1) throw new OpsError(`--max-gb wants a whole number of gigabytes, not ${flag.slice(9)}`);
  const bytes = gb * 1024 ** 3;
  return { totalBytes: bytes, databaseBytes: bytes, contentBytes: bytes };
}

export async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const file = rest.find((a) => !a.startsWith('--'));
  const limits = archiveCaps(rest);
  loadDotEnv();
  const config = loadConfig();
  switch (command) {
    case 'backup':
      console.log(`backup written: ${await backupTo(config)}`);
      return 0;
    case 'restore': {
      if (!file) break;
      const kept = await restoreFrom(config, file, { force: rest.includes('--force'), limits });
      console.log(`restored ${file}${kept ? ` (the previous database is kept as ${kept})` : ''}`);
      return 0;
    }
    case 'migrate': {
      const db = openConfiguredDatabase(config);
      try {
        const applied = await migrate(db);
        console.log(applied.length > 0 ? `migrations applied: ${applied.join(', ')}` : 'the database schema is up to date');
      } finally {
        await db.destroy();
      }
      return 0;
    }
    case 'export':
    case 'import':
    case 'retention': {
      const db = openConfiguredDatabase(config);
      try {
        await prepareSchema(db);
        if (command === 'export') console.log(`export written: ${await exportTo(db, config, file)}`);
        else if (command === 'retention') console.log(JSON.stringify(await pruneRetention(db, config)));
        else if (file)
          console.log(
            describeImport(await importFrom(db, config, file, { withAnimators: rest.includes('--with-animators'), limits })),
          );
        else break;
      } finally {
        await db.destroy();
      }
      return 0;
    }
  }
  console.error(USAGE);
  return 2;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  run(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      // A message for the operator, never a stack trace.
      const known =
        error instanceof OpsError ||
        error instanceof ImportFormatError ||
        error instanceof ImportStoppedError ||
        error instanceof ConfigError ||
        error instanceof SchemaBehindError;
      const message = error instanceof Error ? error.message : String(error);
      console.error(known ? `error: ${message}` : `error: unexpected failure: ${message}`);
      process.exit(1);
    },
  );
}
