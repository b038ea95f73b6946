/**
 * Where the photo files live: one interface, two stores (a local folder, the default, and an
 * S3-compatible object store), chosen by `MEDIA_STORE`. Every write, read, listing and deletion of a
 * photo file goes through it. Names are always media file names (`names.ts`): a store never reads,
 * writes or deletes anything else, whatever it is asked.
 */
import type { Readable } from 'node:stream';

/** What the gallery needs to answer for a file without reading it. */
export interface MediaObjectInfo {
  size: number;
  /** An HTTP entity tag, quotes included (`W/` when weak). */
  etag: string;
  modified: Date;
}

/** Bytes `start` to `end`, both included (an HTTP byte range once resolved against the size). */
export interface ByteRange {
  start: number;
  end: number;
}

export interface MediaStore {
  readonly kind: 'local' | 's3';
  /** Size, entity tag and date of a stored file; null when there is none by that name. */
  head(name: string): Promise<MediaObjectInfo | null>;
  has(name: string): Promise<boolean>;
  /** Stores bytes under a name, unless a file is already there (names are content-addressed). */
  put(name: string, data: Buffer): Promise<void>;
  /** The same, from a file on this machine (an archive's staged photo). */
  putFile(name: string, file: string): Promise<void>;
  /** The whole file; null when absent. */
  read(name: string): Promise<Buffer | null>;
  /** The file, or one byte range of it, as a stream; null when absent. */
  stream(name: string, range?: ByteRange): Promise<Readable | null>;
  /** Copies a stored file to a path on this machine (a backup's staging); false when absent. */
  copyToFile(name: string, file: string): Promise<boolean>;
  /** Deletes a file; nothing when it is not there. */
  delete(name: string): Promise<void>;
  /** The names of every media file stored (anything else there is ignored). */
  list(): AsyncIterable<string>;
  /** Throws when the store cannot be reached or written (`/healthz`). */
  probe(): Promise<void>;
}

/** A store that could not do what was asked (unreachable, refused, full): never an absent file. */
export class MediaStoreError extends Error {
  readonly operation: string;

  constructor(operation: string, cause: unknown) {
    super(`media store: ${operation} failed${cause instanceof Error ? `: ${cause.message}` : ''}`, { cause });
    this.name = 'MediaStoreError';
    this.operation = operation;
  }
}
