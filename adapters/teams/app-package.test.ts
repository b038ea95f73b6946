/** The Teams app package: the manifest's promises (scopes, files, RSC, web app info) and a zip Teams can read. */
import zlib from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { buildAppPackage, buildManifest, MANIFEST_SCHEMA, validateManifest } from './app-package.js';

const APP_ID = '0b7a1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d';

/** Reads a zip's entries back through its central directory (what Teams does with the upload). */
function unzip(buffer: Buffer): Map<string, Buffer> {
  const end = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buffer.readUInt16LE(end + 10);
  let at = buffer.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(buffer.readUInt32LE(at)).toBe(0x02014b50);
    const size = buffer.readUInt32LE(at + 20);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extra = buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32);
    const offset = buffer.readUInt32LE(at + 42);
    const name = buffer.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const localStart = offset + 30 + buffer.readUInt16LE(offset + 26) + buffer.readUInt16LE(offset + 28);
    const data = zlib.inflateRawSync(buffer.subarray(localStart, localStart + size));
    expect(zlib.crc32(data)).toBe(buffer.readUInt32LE(at + 16));
    files.set(name, data);
    at += 46 + nameLength + extra;
  }
  return files;
}

describe('Teams app package', () => {
  it('declares the bot in personal and team scopes with files, the RSC permission and the web application', () => {
    const manifest = buildManifest({ appId: APP_ID, publicUrl: 'https://bricoleur.paris.fr', version: '0.1.0' }) as any;
    expect(manifest.$schema).toBe(MANIFEST_SCHEMA);
    expect(manifest.bots).toEqual([
      expect.objectContaining({ botId: APP_ID, scopes: ['personal', 'team'], supportsFiles: true }),
    ]);
    expect(manifest.authorization.permissions.resourceSpecific).toEqual([
      { name: 'ChannelMessage.Read.Group', type: 'Application' },
    ]);
    expect(manifest.webApplicationInfo).toEqual({ id: APP_ID, resource: `api://bricoleur.paris.fr/${APP_ID}` });
    expect(manifest.validDomains).toEqual(['bricoleur.paris.fr']);
    expect(() => buildManifest({ appId: 'not-a-guid', publicUrl: 'https://x.fr', version: '1.0.0' })).toThrow(/GUID/);
  });

  it('zips manifest.json, a 192×192 colour icon and a 32×32 transparent outline icon at the root', async () => {
    const { zip, errors } = await buildAppPackage(
      { appId: APP_ID, publicUrl: 'https://bricoleur.paris.fr', version: '0.1.0' },
      { skip: true },
    );
    expect(errors).toEqual([]);
    const files = unzip(zip);
    expect([...files.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(JSON.parse(files.get('manifest.json')!.toString('utf8')).id).toBe(APP_ID);
    const color = await sharp(files.get('color.png')!).metadata();
    expect([color.format, color.width, color.height]).toEqual(['png', 192, 192]);
    const outline = sharp(files.get('outline.png')!);
    const meta = await outline.metadata();
    expect([meta.format, meta.width, meta.height, meta.hasAlpha]).toEqual(['png', 32, 32, true]);
    // Outline icons are white on transparent: no pixel is both visible and coloured.
    const { data } = await outline.raw().toBuffer({ resolveWithObject: true });
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] > 0) expect(Math.min(data[i], data[i + 1], data[i + 2])).toBeGreaterThan(200);
    }
  });

  it('reports schema violations (validated with @microsoft/teams-manifest against the given schema)', async () => {
    const manifest = buildManifest({ appId: APP_ID, publicUrl: 'https://bricoleur.paris.fr', version: '0.1.0' });
    // A fragment of the declared schema's own rules, enough to prove violations come back as messages.
    const fragment = {
      type: 'object',
      required: ['manifestVersion', 'id', 'bots'],
      properties: { version: { type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+$' } },
    };
    expect(await validateManifest(manifest, fragment)).toEqual([]);
    expect((await validateManifest({ ...manifest, version: 'v1' }, fragment)).join()).toMatch(/version/);
  });
});
