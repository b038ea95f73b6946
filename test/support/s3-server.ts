/**
 * A real S3-compatible server for the tests: s3rver (the S3 REST API over HTTP, objects in a
 * folder, the access key id checked: V4 signatures themselves are not) on 127.0.0.1, a random
 * port, a temporary folder, empty buckets. `env(bucket)` is what the app needs to keep its photos there.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';

export interface TestS3 {
  endpoint: string;
  /** `MEDIA_STORE=s3` and its `S3_*` settings for one bucket (the first by default). */
  env(bucket?: string): Record<string, string>;
  /** The object keys in a bucket, sorted, read from the server's own folder (not through the app). */
  keys(bucket?: string): string[];
  close(): Promise<void>;
}

/** s3rver's fixed credentials: a request with another access key id is refused. */
const KEY = 'S3RVER';

export async function startS3Server(buckets: string[] = ['bricoleur-media']): Promise<TestS3> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'bricoleur-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    directory,
    silent: true,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    env: (bucket = buckets[0]) => ({
      MEDIA_STORE: 's3',
      S3_ENDPOINT: endpoint,
      S3_BUCKET: bucket,
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: KEY,
      S3_SECRET_ACCESS_KEY: KEY,
      S3_FORCE_PATH_STYLE: 'true',
    }),
    keys(bucket = buckets[0]) {
      // Each object is `<key>._S3rver_object` in the bucket's folder.
      const root = path.join(directory, bucket);
      const suffix = '._S3rver_object';
      if (!fs.existsSync(root)) return [];
      return fs
        .readdirSync(root)
        .filter((n) => n.endsWith(suffix))
        .map((n) => n.slice(0, -suffix.length))
        .sort();
    },
    async close() {
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
