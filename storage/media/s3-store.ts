/**
 * The object store (`MEDIA_STORE=s3`): any S3-compatible service (MinIO, Scaleway, OVHcloud, Ceph,
 * AWS…) through `@aws-sdk/client-s3`, one object per media file, keyed by its name at the bucket's
 * root. The only module that reaches the S3 SDK (test/architecture.test.ts).
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { S3Client } from '@aws-sdk/client-s3';
import type { S3Settings } from '../../config.js';
import { isMediaFileName, mediaContentType } from './names.js';
import { type ByteRange, type MediaObjectInfo, type MediaStore, MediaStoreError } from './store.js';

/** What a browser or a CDN in front of the bucket may do with an object: keep it for a year. */
const OBJECT_CACHE_CONTROL = 'public, max-age=31536000, immutable';

type Sdk = typeof import('@aws-sdk/client-s3');

export function createS3Store(settings: S3Settings): MediaStore {
  // The SDK is loaded on first use only (0.2–0.5 s; the idle server's RSS 122 → 139 MB), never by a local-folder instance.
  let connection: Promise<{ sdk: Sdk; client: S3Client }> | null = null;
  const connect = () => {
    connection ??= import('@aws-sdk/client-s3').then((sdk) => ({ sdk, client: newClient(sdk, settings) }));
    return connection;
  };
  const Bucket = settings.bucket;

  /** Runs one call; an absent object is `null`, any other failure a `MediaStoreError`. */
  async function call<T>(operation: string, run: (sdk: Sdk, client: S3Client) => Promise<T>): Promise<T | null> {
    try {
      const { sdk, client } = await connect();
      return await run(sdk, client);
    } catch (error) {
      if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return null;
      throw new MediaStoreError(operation, error);
    }
  }

  function key(name: string): string {
    if (!isMediaFileName(name)) throw new MediaStoreError('naming', new Error('not a media file name'));
    return name;
  }

  async function head(name: string): Promise<MediaObjectInfo | null> {
    if (!isMediaFileName(name)) return null;
    const found = await call('head', (sdk, client) => client.send(new sdk.HeadObjectCommand({ Bucket, Key: name })));
    if (!found) return null;
    return { size: found.ContentLength ?? 0, etag: found.ETag ?? `"${name}"`, modified: found.LastModified ?? new Date(0) };
  }

  async function get(name: string, range?: ByteRange): Promise<Readable | null> {
    if (!isMediaFileName(name)) return null;
    const Range = range ? `bytes=${range.start}-${range.end}` : undefined;
    const found = await call('get', (sdk, client) => client.send(new sdk.GetObjectCommand({ Bucket, Key: name, Range })));
    if (!found?.Body) return null;
    if (!(found.Body instanceof Readable)) throw new MediaStoreError('get', new Error('the response body is not a stream'));
    return found.Body;
  }

  async function put(name: string, body: Buffer): Promise<void> {
    const Key = key(name);
    // Content-addressed: an object already there holds these bytes (the pipeline is deterministic).
    if (await head(Key)) return;
    await call('put', (sdk, client) =>
      client.send(
        new sdk.PutObjectCommand({
          Bucket,
          Key,
          Body: body,
          ContentType: mediaContentType(name),
          CacheControl: OBJECT_CACHE_CONTROL,
        }),
      ),
    );
  }

  return {
    kind: 's3',
    head,
    async has(name) {
      return (await head(name)) !== null;
    },
    put,
    async putFile(name, file) {
      // A photo file is at most the upload limit (MAX_PHOTO_MB): read whole, sent with its length.
      await put(name, await fs.promises.readFile(file));
    },
    async read(name) {
      const body = await get(name);
      if (!body) return null;
      const chunks: Buffer[] = [];
      try {
        for await (const chunk of body) chunks.push(chunk as Buffer);
      } catch (error) {
        throw new MediaStoreError('get', error);
      }
      return Buffer.concat(chunks);
    },
    stream: get,
    async copyToFile(name, file) {
      const body = await get(name);
      if (!body) return false;
      try {
        await pipeline(body, fs.createWriteStream(file, { flags: 'wx' }));
      } catch (error) {
        fs.rmSync(file, { force: true });
        throw new MediaStoreError('get', error);
      }
      return true;
    },
    async delete(name) {
      await call('delete', (sdk, client) => client.send(new sdk.DeleteObjectCommand({ Bucket, Key: key(name) })));
    },
    async *list() {
      let ContinuationToken: string | undefined;
      do {
        const page = await call('list', (sdk, client) =>
          client.send(new sdk.ListObjectsV2Command({ Bucket, ContinuationToken })),
        );
        for (const object of page?.Contents ?? []) if (object.Key && isMediaFileName(object.Key)) yield object.Key;
        ContinuationToken = page?.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
    },
    async probe() {
      // The bucket answers with these credentials: one request, no write (a load balancer asks often).
      const found = await call('probe', (sdk, client) => client.send(new sdk.HeadBucketCommand({ Bucket })));
      if (!found) throw new MediaStoreError('probe', new Error(`no bucket ${Bucket}`));
    },
  };
}

function newClient(sdk: Sdk, settings: S3Settings): S3Client {
  return new sdk.S3Client({
    endpoint: settings.endpoint,
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
    // Checksums only where S3 requires them: several S3-compatible services refuse the SDK's newer
    // default trailing checksums, and the photos' own names already say what they hold.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // A store that does not answer fails the request, it does not hang it.
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 30_000 },
  });
}
