/** Uploaded photo bytes of the local chat, kept under `DATA_DIR/uploads/<random id>`. */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

const UPLOAD_ID = /^[a-f0-9]{32}$/;
export const UPLOAD_URL_PREFIX = 'local-upload:';

export function isUploadId(id: string): boolean {
  return UPLOAD_ID.test(id);
}

export async function saveUpload(dir: string, bytes: Buffer): Promise<string> {
  await fs.mkdir(dir, { recursive: true });
  const id = crypto.randomBytes(16).toString('hex');
  await fs.writeFile(path.join(dir, id), bytes, { flag: 'wx' });
  return id;
}

/** Reads an upload back; the id is checked so no path can escape the folder. */
export async function readUpload(dir: string, id: string): Promise<Buffer> {
  if (!isUploadId(id)) throw new Error(`not a local upload id: ${JSON.stringify(id)}`);
  return fs.readFile(path.join(dir, id));
}

/** The image type the bytes really are, for serving thumbnails; null for anything else. */
export function sniffImageType(bytes: Buffer): string | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return 'image/png';
  }
  if (bytes.length >= 6 && /^GIF8[79]a$/.test(bytes.subarray(0, 6).toString('latin1'))) return 'image/gif';
  if (
    bytes.length >= 12 &&
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
    bytes.subarray(8, 12).toString('latin1') === 'WEBP'
  ) {
    return 'image/webp';
  }
  return null;
}

/** Deletes uploads (a forgotten user's photos); ids already gone or malformed are skipped. */
export async function deleteUploads(dir: string, ids: string[]): Promise<void> {
  for (const id of ids) {
    if (isUploadId(id)) await fs.rm(path.join(dir, id), { force: true });
  }
}
