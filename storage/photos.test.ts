import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EXIF_MARKER,
  fakeHeic,
  jpegWithGps,
  p3Jpeg,
  plainJpeg,
  plainPng,
  pngBombHeader,
  truncatedJpeg,
} from '../test/fixtures/photos/generate.js';
import { mediaFilePath } from '../test/support/media.js';
import { createTempDb, describeEngines, type TempDb } from '../test/support/temp-db.js';
import { createLocalStore } from './media/local-store.js';
import type { MediaStore } from './media/store.js';
import { photoUrl, pickWidth, sniffImageType, storePhoto } from './photos.js';

describeEngines('photos in storage', (engine) => {
  const MAX = 15 * 1024 * 1024;

  describe('photos', () => {
    let temp: TempDb;
    let mediaDir: string;
    let store: MediaStore;

    beforeAll(async () => {
      temp = await createTempDb({ engine });
      mediaDir = path.join(temp.dir, 'media');
      store = createLocalStore(mediaDir);
    });
    afterAll(async () => {
      await temp.cleanup();
    });

    const mediaFiles = () => (fs.existsSync(mediaDir) ? fs.readdirSync(mediaDir).sort() : []);
    const photoRows = () => temp.db.selectFrom('photos').selectAll().execute();

    it('strips GPS and every EXIF field, and applies the EXIF orientation', async () => {
      const input = await jpegWithGps(1200, 900);
      const before = await sharp(input).metadata();
      expect(before.orientation).toBe(6);
      expect(before.exif).toBeDefined();
      expect(before.exif!.includes(EXIF_MARKER)).toBe(true);
      // The GPS IFD pointer tag (0x8825), little- or big-endian.
      expect(before.exif!.includes(Buffer.from([0x25, 0x88])) || before.exif!.includes(Buffer.from([0x88, 0x25]))).toBe(true);

      const result = await storePhoto(temp.db, store, input, MAX);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      // Orientation 6 means the phone was held sideways: 1200×900 stored pixels show as 900×1200.
      expect(result.photo).toMatchObject({ width: 900, height: 1200, widths: [400, 800] });
      for (const width of result.photo.widths) {
        const file = mediaFilePath(mediaDir, result.photo.hash, width);
        const bytes = fs.readFileSync(file);
        const meta = await sharp(bytes).metadata();
        expect(meta.format).toBe('webp');
        expect(meta.width).toBe(width);
        expect(meta.height).toBe(Math.round((width * 1200) / 900));
        expect(meta.exif).toBeUndefined();
        expect(meta.xmp).toBeUndefined();
        expect(meta.orientation).toBeUndefined();
        expect(bytes.includes(EXIF_MARKER)).toBe(false);
      }
    });

    it('judges the type by content: a PNG named .jpg is stored as a PNG', async () => {
      const dir = path.join(temp.dir, 'upload');
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'photo.jpg'), await plainPng(640, 480));
      const bytes = fs.readFileSync(path.join(dir, 'photo.jpg'));
      expect(sniffImageType(bytes)).toBe('png');
      const result = await storePhoto(temp.db, store, bytes, MAX);
      expect(result).toMatchObject({ ok: true, photo: { width: 640, height: 480, widths: [400] } });
    });

    it('refuses a text file named .jpg as not an image, writing nothing', async () => {
      const filesBefore = mediaFiles();
      const rowsBefore = (await photoRows()).length;
      const file = path.join(temp.dir, 'notes.jpg');
      fs.writeFileSync(file, 'Bonjour, ceci est un fichier texte.\n');
      expect(await storePhoto(temp.db, store, fs.readFileSync(file), MAX)).toEqual({ ok: false, reason: 'notImage' });
      expect(mediaFiles()).toEqual(filesBefore);
      expect((await photoRows()).length).toBe(rowsBefore);
    });

    it('refuses an oversized buffer before even looking at it', async () => {
      // Not an image at all: tooLarge must win because the size is checked first.
      const big = Buffer.alloc(2048, 0x41);
      expect(await storePhoto(temp.db, store, big, 1024)).toEqual({ ok: false, reason: 'tooLarge' });
      const png = await plainPng(50, 50);
      expect(await storePhoto(temp.db, store, png, png.length - 1)).toEqual({ ok: false, reason: 'tooLarge' });
      expect((await storePhoto(temp.db, store, png, png.length)).ok).toBe(true);
    });

    it('refuses a truncated JPEG, a HEIC it cannot decode and a decompression bomb as unreadable', async () => {
      const filesBefore = mediaFiles();
      const truncated = await truncatedJpeg();
      expect(sniffImageType(truncated)).toBe('jpeg');
      expect(await storePhoto(temp.db, store, truncated, MAX)).toEqual({ ok: false, reason: 'unreadable' });

      const heic = fakeHeic();
      expect(sniffImageType(heic)).toBe('heic');
      expect(await storePhoto(temp.db, store, heic, MAX)).toEqual({ ok: false, reason: 'unreadable' });

      const bomb = await pngBombHeader(40_000, 40_000);
      expect(bomb.length).toBeLessThan(1000);
      expect((await sharp(bomb, { limitInputPixels: false }).metadata()).width).toBe(40_000);
      expect(await storePhoto(temp.db, store, bomb, MAX)).toEqual({ ok: false, reason: 'unreadable' });
      expect(mediaFiles()).toEqual(filesBefore);
    });

    it('writes 400, 800 and 1280 for a 3000px photo, and only 400 for a 500px one', async () => {
      const large = await storePhoto(temp.db, store, await plainJpeg(3000, 2000), MAX);
      expect(large).toMatchObject({ ok: true, photo: { width: 3000, height: 2000, widths: [400, 800, 1280] } });
      if (!large.ok) return;
      for (const w of [400, 800, 1280]) {
        expect((await sharp(mediaFilePath(mediaDir, large.photo.hash, w)).metadata()).width).toBe(w);
      }
      const row = await temp.db.selectFrom('photos').selectAll().where('hash', '=', large.photo.hash).executeTakeFirstOrThrow();
      expect(JSON.parse(row.widths)).toEqual([400, 800, 1280]);

      const small = await storePhoto(temp.db, store, await plainJpeg(500, 300), MAX);
      expect(small).toMatchObject({ ok: true, photo: { width: 500, height: 300, widths: [400] } });

      // Narrower than every width: one file, never enlarged.
      const tiny = await storePhoto(temp.db, store, await plainPng(120, 90), MAX);
      expect(tiny).toMatchObject({ ok: true, photo: { widths: [400] } });
      if (tiny.ok) expect((await sharp(mediaFilePath(mediaDir, tiny.photo.hash, 400)).metadata()).width).toBe(120);
    });

    it('converts a Display P3 photo (as phones send) to sRGB pixels in every rendition, with no profile left', async () => {
      // The colour seen on screen, stored the way a P3 phone stores it: P3 numbers plus the P3 profile.
      const seen = [200, 120, 80];
      const input = await sharp({ create: { width: 1000, height: 750, channels: 3, background: { r: 200, g: 120, b: 80 } } })
        .withIccProfile('p3')
        .jpeg({ quality: 95 })
        .toBuffer();
      expect((await sharp(input).metadata()).icc).toBeDefined();
      const stored = await meanColour(await sharp(input, { ignoreIcc: true }).raw().toBuffer());
      // The P3 numbers really differ from the sRGB ones, so a pipeline that kept them would be caught.
      expect(Math.max(...stored.map((v, i) => Math.abs(v - seen[i])))).toBeGreaterThan(8);

      const result = await storePhoto(temp.db, store, input, MAX);
      expect(result).toMatchObject({ ok: true, photo: { width: 1000, height: 750, widths: [400, 800] } });
      if (!result.ok) return;
      for (const width of result.photo.widths) {
        const file = mediaFilePath(mediaDir, result.photo.hash, width);
        const meta = await sharp(file).metadata();
        expect(meta.icc).toBeUndefined();
        expect(meta.space).toBe('srgb');
        const shown = await meanColour(await sharp(file).raw().toBuffer());
        for (const [i, v] of shown.entries()) expect(Math.abs(v - seen[i])).toBeLessThanOrEqual(4);
      }
    });

    it('converts a saturated Display P3 photo to the right sRGB values after orienting it, leaving no GPS', async () => {
      // Wide enough for the three renditions, so the colours are converted on the resized image.
      const input = await p3Jpeg(2400, 1800, [204, 51, 51], true);
      const before = await sharp(input).metadata();
      expect(before).toMatchObject({ orientation: 6, width: 2400, height: 1800 });
      expect(before.icc).toBeDefined();
      expect(before.exif!.includes(EXIF_MARKER)).toBe(true);
      const expected = p3ToSrgb([204, 51, 51]);
      // The published conversion moves these numbers far, so keeping the P3 numbers would fail.
      expect(expected[1]).toBeLessThan(30);

      const result = await storePhoto(temp.db, store, input, MAX);
      expect(result).toMatchObject({ ok: true, photo: { width: 1800, height: 2400, widths: [400, 800, 1280] } });
      if (!result.ok) return;
      for (const width of result.photo.widths) {
        const bytes = fs.readFileSync(mediaFilePath(mediaDir, result.photo.hash, width));
        const meta = await sharp(bytes).metadata();
        expect(meta).toMatchObject({ format: 'webp', space: 'srgb', width, height: Math.round((width * 2400) / 1800) });
        expect(meta.icc).toBeUndefined();
        expect(meta.exif).toBeUndefined();
        expect(bytes.includes(EXIF_MARKER)).toBe(false);
        const shown = await meanColour(await sharp(bytes).raw().toBuffer());
        for (const [i, v] of shown.entries()) expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(3);
      }
    });

    it('clips a pure Display P3 red, outside sRGB, to sRGB red', async () => {
      const input = await p3Jpeg(2000, 1500, [255, 0, 0]);
      const stored = await meanColour(await sharp(input, { ignoreIcc: true }).raw().toBuffer());
      expect(stored[0]).toBeGreaterThan(250);
      expect(p3ToSrgb([255, 0, 0])).toEqual([255, 0, 0]);
      const result = await storePhoto(temp.db, store, input, MAX);
      expect(result).toMatchObject({ ok: true, photo: { widths: [400, 800, 1280] } });
      if (!result.ok) return;
      for (const width of result.photo.widths) {
        const shown = await meanColour(
          await sharp(mediaFilePath(mediaDir, result.photo.hash, width))
            .raw()
            .toBuffer(),
        );
        expect(shown[0]).toBeGreaterThanOrEqual(250);
        expect(shown[1]).toBeLessThanOrEqual(5);
        expect(shown[2]).toBeLessThanOrEqual(5);
      }
    });

    it('is content addressed: storing the same photo twice writes nothing new', async () => {
      const bytes = await plainJpeg(1000, 700, '#8844aa');
      const first = await storePhoto(temp.db, store, bytes, MAX);
      expect(first.ok).toBe(true);
      if (!first.ok) return;
      expect(first.photo.hash).toMatch(/^[0-9a-f]{64}$/);
      const files = mediaFiles();
      const mtimes = first.photo.widths.map((w) => fs.statSync(mediaFilePath(mediaDir, first.photo.hash, w)).mtimeMs);
      const rows = (await photoRows()).length;

      const second = await storePhoto(temp.db, store, Buffer.from(bytes), MAX);
      expect(second).toEqual(first);
      expect(mediaFiles()).toEqual(files);
      expect(first.photo.widths.map((w) => fs.statSync(mediaFilePath(mediaDir, first.photo.hash, w)).mtimeMs)).toEqual(mtimes);
      expect((await photoRows()).length).toBe(rows);
      expect(files.some((f) => f.endsWith('.tmp'))).toBe(false);
    });

    it('names URLs and picks widths', () => {
      expect(photoUrl('abc', 800)).toBe('/media/abc-800.webp');
      expect(pickWidth([400, 800, 1600], 600)).toBe(800);
      expect(pickWidth([400, 800], 1600)).toBe(800);
      expect(pickWidth([400], 100)).toBe(400);
    });

    it('sniffs the common image types from their magic bytes', async () => {
      expect(
        sniffImageType(
          await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } })
            .webp()
            .toBuffer(),
        ),
      ).toBe('webp');
      expect(
        sniffImageType(
          await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } })
            .gif()
            .toBuffer(),
        ),
      ).toBe('gif');
      expect(
        sniffImageType(
          await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } })
            .avif()
            .toBuffer(),
        ),
      ).toBe('heic');
      expect(sniffImageType(Buffer.from('%PDF-1.7 ...'))).toBeNull();
      expect(sniffImageType(Buffer.alloc(0))).toBeNull();
    });
  });

  /** Mean of each channel of raw 3-channel pixels. */
  async function meanColour(pixels: Buffer): Promise<number[]> {
    const sums = [0, 0, 0];
    for (let i = 0; i + 2 < pixels.length; i += 3) for (let c = 0; c < 3; c++) sums[c] += pixels[i + c];
    const count = Math.floor(pixels.length / 3);
    return sums.map((s) => s / count);
  }

  /**
   * Display P3 to sRGB by the published matrix (same D65 white and transfer curve), clipped to sRGB:
   * an independent reference for what the pipeline's colour management must produce.
   */
  function p3ToSrgb(p3: number[]): number[] {
    const linear = p3.map((v) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
    const matrix = [
      [1.2249401, -0.2249404, 0],
      [-0.0420569, 1.0420571, 0],
      [-0.0196376, -0.0786361, 1.0982735],
    ];
    return matrix.map((row) => {
      const l = Math.min(1, Math.max(0, row[0] * linear[0] + row[1] * linear[1] + row[2] * linear[2]));
      return Math.round(255 * (l <= 0.0031308 ? l * 12.92 : 1.055 * l ** (1 / 2.4) - 0.055));
    });
  }
});
