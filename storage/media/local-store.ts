/**
 * The local folder store (`MEDIA_STORE=local`, the default): `DATA_DIR/media/<name>`. Files are
 * written beside their target then renamed, so a reader never sees half a file, and an archive's
 * files are hard-linked in and out when the file system allows (no copy of the bytes).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { isMediaFileName } from './names.js';
import type { ByteRange, MediaObjectInfo, MediaStore } from './store.js';

export function createLocalStore(dir: string): MediaStore {
  /**
   * The file to read for `name`: its real path (symbolic links resolved) when that is a regular
   * file, named like a media file, directly inside the folder's own real path; null otherwise, so a
   * link left in the folder never serves the database or anything else.
   */
  async function servable(name: string): Promise<{ file: string; stat: fs.Stats } | null> {
    if (!isMediaFileName(name)) return null;
    try {
      const [root, real] = await Promise.all([fs.promises.realpath(dir), fs.promises.realpath(path.join(dir, name))]);
      if (path.dirname(real) !== root || !isMediaFileName(path.basename(real))) return null;
      const stat = await fs.promises.stat(real);
      return stat.isFile() ? { file: real, stat } : null;
    } catch {
      return null;
    }
  }

  function target(name: string): string {
    if (!isMediaFileName(name)) throw new Error(`not a media file name: ${JSON.stringify(name.slice(0, 100))}`);
    return path.join(dir, name);
  }

  /** Writes through a temporary file beside the target, then renames; nothing when it exists. */
  function writeAtomically(name: string, write: (temp: string) => void): void {
    const file = target(name);
    if (fs.existsSync(file)) return;
    fs.mkdirSync(dir, { recursive: true });
    const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      write(temp);
      fs.renameSync(temp, file);
    } catch (error) {
      fs.rmSync(temp, { force: true });
      throw error;
    }
  }

  /** Hard-links `from` to `to` (or copies it, across file systems); false when `from` is gone. */
  function linkOrCopy(from: string, to: string): boolean {
    try {
      try {
        fs.linkSync(from, to);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw error;
        fs.copyFileSync(from, to);
      }
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  return {
    kind: 'local',
    async head(name): Promise<MediaObjectInfo | null> {
      const found = await servable(name);
      if (!found) return null;
      // Size and modification time, as Express's static files have it.
      const etag = `W/"${found.stat.size.toString(16)}-${found.stat.mtime.getTime().toString(16)}"`;
      return { size: found.stat.size, etag, modified: found.stat.mtime };
    },
    async has(name) {
      return (await servable(name)) !== null;
    },
    async put(name, data) {
      writeAtomically(name, (temp) => fs.writeFileSync(temp, data));
    },
    async putFile(name, file) {
      writeAtomically(name, (temp) => {
        if (!linkOrCopy(file, temp)) throw Object.assign(new Error(`no file ${file}`), { code: 'ENOENT' });
      });
    },
    async read(name) {
      const found = await servable(name);
      return found ? fs.promises.readFile(found.file) : null;
    },
    async stream(name, range?: ByteRange): Promise<Readable | null> {
      const found = await servable(name);
      return found ? fs.createReadStream(found.file, range ?? {}) : null;
    },
    async copyToFile(name, file) {
      const found = await servable(name);
      return found ? linkOrCopy(found.file, file) : false;
    },
    async delete(name) {
      await fs.promises.rm(target(name), { force: true });
    },
    async *list() {
      let names: string[];
      try {
        names = await fs.promises.readdir(dir);
      } catch {
        return;
      }
      for (const name of names) if (isMediaFileName(name)) yield name;
    },
    async probe() {
      await fs.promises.mkdir(dir, { recursive: true });
      const probe = path.join(dir, `.healthz-${process.pid}`);
      await fs.promises.writeFile(probe, 'ok');
      await fs.promises.rm(probe);
    },
  };
}
