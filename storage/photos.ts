/**
 * Photo pipeline: type checked from content (never from the file name), size limited, decoded with
 * a pixel limit, EXIF orientation applied, re-encoded to WebP at a few widths with every metadata
 * block (GPS included) dropped, and stored content-addressed in the media store as
 * `<hash>-<width>.webp`, plus one JPEG for chat cards, `<hash>-card.jpg` (`storage/media/names.ts`).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import sharp, { type Metadata, type Sharp } from 'sharp';
import type { DbOrTrx } from './db.js';
import { nowIso } from './db.js';
import type { MediaStore } from './media/index.js';
import { cardImageName, mediaFileNames, PHOTO_HASH, renditionName } from './media/names.js';

// ops (memory): each photo goes through the pipeline once, so libvips' operation cache would only
// keep tens of megabytes of decoded images alive after the work is done.
sharp.cache(false);

/**
 * The renditions written, narrowest first; the gallery picks one per use. The widest is 1280 px:
 * no page shows a photo wider than a phone's full width (≈ 1,170 device pixels), and from a 12 MP
 * phone photo (4,000 px) a 1280 px target is a reduction above 3×, the least for which sharp lets
 * libjpeg decode at half size (DCT scaling); 1600 px (2.5×) meant decoding every pixel. With the
 * WebP encode of fewer pixels, a 12 MP photo takes ~20 % less time (bench:ops).
 */
export const PHOTO_WIDTHS: readonly number[] = Object.freeze([400, 800, 1280]);

/** Decompression-bomb guard: refuse images above ~100 megapixels before decoding them. */
export const MAX_INPUT_PIXELS = 100_000_000;

/** WebP quality of the renditions: small files, no visible loss on photos of desks and sheets. */
const WEBP_QUALITY = 80;

/**
 * WebP encoder effort (0–6, sharp's default 4) per rendition. The widest one is the pipeline's
 * critical path: effort 1 encodes it 2–3× faster than 4 (12 MP photo, bench:ops) for a file up to
 * ~30 % larger on smooth photos (none on grainy ones); effort 0 another ~15 % faster than 1 with the
 * same PSNR and a file under 2 % larger (measured on 1600 px noise and blurred noise). The narrower
 * ones, shown most (lists, phones), are encoded one after the other on the other core meanwhile:
 * effort 2 keeps that lane shorter than the widest one (at 4 the 800 px alone took longer than the
 * 1280 px at 0), for files within 2 % of effort 4's on a blurred 12 MP photo.
 */
const webpEffort = (width: number): number => (width >= PHOTO_WIDTHS[PHOTO_WIDTHS.length - 1] ? 0 : 2);

/**
 * The chat cards' rendition fits in this square: Slack's image block shows png, jpg and gif only, and
 * Teams documents PNG, JPEG or GIF card images of at most 1024×1024. WebP stays the gallery's format.
 */
export const CARD_IMAGE_MAX = 1024;

/** JPEG quality of the card rendition: what Slack and Teams show at card size, under ~150 KB. */
const CARD_JPEG_QUALITY = 80;

/** The public path of a photo's chat-card JPEG (under the gallery's `/media/`). */
export function cardImageUrl(hash: string): string {
  return `/media/${cardImageName(hash)}`;
}

export type ImageType = 'jpeg' | 'png' | 'webp' | 'gif' | 'heic';
export type PhotoRejection = 'tooLarge' | 'notImage' | 'unreadable';

export interface StoredPhoto {
  hash: string;
  /** Dimensions of the original once its EXIF orientation is applied. */
  width: number;
  height: number;
  /** The rendition widths stored. */
  widths: number[];
}

export type StorePhotoResult = { ok: true; photo: StoredPhoto } | { ok: false; reason: PhotoRejection };

/** ISO-BMFF brands of HEIF-family files (HEIC, HEIF, AVIF): all handled as `heic`. */
const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs', 'mif1', 'msf1', 'avif', 'avis']);

/** The image type from the file's magic bytes, or null when it is not an image we accept. */
export function sniffImageType(bytes: Buffer): ImageType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return 'png';
  }
  if (bytes.length >= 6) {
    const head = bytes.toString('latin1', 0, 6);
    if (head === 'GIF87a' || head === 'GIF89a') return 'gif';
  }
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') {
    return 'webp';
  }
  if (bytes.length >= 12 && bytes.toString('latin1', 4, 8) === 'ftyp') {
    // The major brand, then the compatible brands listed in the rest of the ftyp box.
    const boxSize = Math.min(bytes.readUInt32BE(0), bytes.length, 256);
    if (HEIF_BRANDS.has(bytes.toString('latin1', 8, 12))) return 'heic';
    for (let offset = 16; offset + 4 <= boxSize; offset += 4) {
      if (HEIF_BRANDS.has(bytes.toString('latin1', offset, offset + 4))) return 'heic';
    }
  }
  return null;
}

/** The public path of one rendition (under the gallery's `/media/`). */
export function photoUrl(hash: string, width: number): string {
  return `/media/${renditionName(hash, width)}`;
}

/** The rendition to show for a wanted display width: the narrowest at least as wide, else the widest. */
export function pickWidth(widths: readonly number[], wanted: number): number {
  const sorted = [...widths].sort((a, b) => a - b);
  if (sorted.length === 0) return PHOTO_WIDTHS[0];
  return sorted.find((w) => w >= wanted) ?? sorted[sorted.length - 1];
}

/** The widths to write for an image `width` pixels wide: never wider than it, at least one. */
export function renditionWidths(width: number): number[] {
  const fitting = PHOTO_WIDTHS.filter((w) => w <= width);
  return fitting.length > 0 ? fitting : [PHOTO_WIDTHS[0]];
}

/**
 * Checks, re-encodes and stores a photo; idempotent by content (the same bytes twice write nothing).
 * Expected refusals come back as values so the chat can explain them to the agent.
 */
export async function storePhoto(db: DbOrTrx, store: MediaStore, bytes: Buffer, maxBytes: number): Promise<StorePhotoResult> {
  if (bytes.length > maxBytes) return { ok: false, reason: 'tooLarge' };
  if (sniffImageType(bytes) === null) return { ok: false, reason: 'notImage' };

  const hash = createHash('sha256').update(bytes).digest('hex');
  const known = await db.selectFrom('photos').selectAll().where('hash', '=', hash).executeTakeFirst();
  if (known) {
    const widths = parseWidths(known.widths);
    if (widths.length > 0 && (await allStored(store, mediaFileNames(hash, widths)))) {
      return { ok: true, photo: { hash, width: known.width, height: known.height, widths } };
    }
  }

  let encoded: { width: number; height: number; files: { width: number; data: Buffer }[]; card: Buffer };
  try {
    encoded = await encodeRenditions(bytes);
  } catch {
    return { ok: false, reason: 'unreadable' };
  }

  // Files before the row: a row never points to a missing file (an unused file is swept by retention).
  await Promise.all([
    ...encoded.files.map((file) => store.put(renditionName(hash, file.width), file.data)),
    store.put(cardImageName(hash), encoded.card),
  ]);
  const widths = encoded.files.map((f) => f.width);
  await db
    .insertInto('photos')
    .values({ hash, width: encoded.width, height: encoded.height, widths: JSON.stringify(widths), created_at: nowIso() })
    .onConflict((oc) => oc.column('hash').doNothing())
    .execute();
  return { ok: true, photo: { hash, width: encoded.width, height: encoded.height, widths } };
}

async function allStored(store: MediaStore, names: string[]): Promise<boolean> {
  return (await Promise.all(names.map((name) => store.has(name)))).every(Boolean);
}

/**
 * Decodes once: orientation applied, the image shrunk to the widest rendition, colours converted to
 * sRGB, kept as raw 8-bit pixels; every rendition is then encoded from that small intermediate.
 * One decode shared beats one shrink-on-load decode per width here: the widest one already gets
 * sharp's DCT scaling when the reduction is 3× or more, and each extra decode of the narrower ones
 * (~100 ms even with scaling 4 or 8) costs more than resizing the 1280 px pixels.
 * Throws when the data cannot be decoded.
 */
async function encodeRenditions(bytes: Buffer) {
  // failOn 'warning' (sharp's default, spelled out): truncated or corrupt data is refused, not half-drawn.
  const input = { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'warning' } as const;
  const meta = await sharp(bytes, input).metadata();
  const width = meta.autoOrient?.width ?? meta.width;
  const height = meta.autoOrient?.height ?? meta.height;
  if (!width || !height) throw new Error('image without dimensions');
  const widths = renditionWidths(width);
  const widest = Math.max(...widths);
  const resized = sharp(bytes, input).rotate().resize({ width: widest, withoutEnlargement: true });
  const decoded = convertsAfterResize(meta, width, widest) ? await resizeThenConvert(resized) : resized.toColourspace('srgb');
  // No withMetadata/keepExif: sharp writes no EXIF, XMP or ICC unless asked, so GPS never survives.
  const toWebp = (pipeline: Sharp, w: number) => pipeline.webp({ quality: WEBP_QUALITY, effort: webpEffort(w) }).toBuffer();
  // A small photo has one rendition: no intermediate needed, one pipeline for it and one for the card.
  if (widths.length === 1) {
    const [data, card] = await Promise.all([toWebp(decoded.clone(), widest), encodeCardJpeg(decoded.clone())]);
    return { width, height, files: [{ width: widest, data }], card };
  }
  const { data, info } = await decoded.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  const raw = { raw: { width: info.width, height: info.height, channels: info.channels } };
  const encode = async (w: number) => {
    let pipeline = sharp(data, raw);
    if (w < info.width) {
      // Height from the original's proportions, as a single resize from the original would round it.
      pipeline = pipeline.resize({ width: w, height: Math.max(1, Math.round((height * w) / width)), fit: 'fill' });
    }
    return { width: w, data: await toWebp(pipeline, w) };
  };
  // Two lanes for two cores: the widest rendition (the critical path) alone on one, the narrower
  // ones and the card JPEG one after the other on the other, so they never take CPU time from the widest.
  const [widestFile, [narrower, card]] = await Promise.all([
    encode(widest),
    (async () => {
      const files = [];
      for (const w of widths.filter((x) => x !== widest)) files.push(await encode(w));
      return [files, await encodeCardJpeg(sharp(data, raw))] as const;
    })(),
  ]);
  return { width, height, files: [...narrower, widestFile], card };
}

/**
 * The card JPEG from an sRGB pipeline: within `CARD_IMAGE_MAX` on both sides (a portrait photo is
 * limited by its height), never enlarged, transparency laid on white (JPEG has none), no metadata.
 */
function encodeCardJpeg(pipeline: Sharp): Promise<Buffer> {
  return pipeline
    .resize({ width: CARD_IMAGE_MAX, height: CARD_IMAGE_MAX, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: CARD_JPEG_QUALITY })
    .toBuffer();
}

/**
 * Makes the card JPEG of a photo stored before it existed, from its widest WebP rendition (the
 * original is not kept); nothing when it is there. Returns whether the file exists afterwards.
 * Safe to run twice at once (the same bytes are written under one name).
 */
export async function ensureCardImage(
  store: MediaStore,
  hash: string,
  widths: readonly number[] = PHOTO_WIDTHS,
): Promise<boolean> {
  if (!PHOTO_HASH.test(hash)) return false;
  const target = cardImageName(hash);
  if (await store.has(target)) return true;
  for (const width of [...widths].sort((a, b) => b - a)) {
    const source = await store.read(renditionName(hash, width));
    if (!source) continue;
    try {
      await store.put(target, await encodeCardJpeg(sharp(source, { limitInputPixels: MAX_INPUT_PIXELS }).toColourspace('srgb')));
      return true;
    } catch {
      return store.has(target);
    }
  }
  return false;
}

/** A photo's chat-card JPEG, made first when missing; null when it cannot be. */
export async function cardImage(store: MediaStore, hash: string): Promise<Buffer | null> {
  return (await ensureCardImage(store, hash)) ? store.read(cardImageName(hash)) : null;
}

/**
 * Whether to convert the colours after the resize rather than before it. sharp applies an embedded
 * profile (Display P3 from phones, often sRGB too) before resizing, i.e. on every pixel of the
 * original: ~400 ms for 12 MP, against ~20 ms on the resized result. Only for 8-bit RGB(A) with a
 * profile that is being shrunk; CMYK, 16-bit and grey images keep sharp's own path.
 */
function convertsAfterResize(meta: Metadata, width: number, widest: number): boolean {
  return meta.icc !== undefined && meta.space === 'srgb' && meta.depth === 'uchar' && width > widest;
}

/**
 * Resizes with the embedded profile kept (sharp then skips its conversion) into an uncompressed TIFF,
 * the lossless intermediate that carries the profile, and converts that small image to sRGB.
 * Resizing the encoded values rather than linear light is what sharp does for sRGB input anyway.
 */
async function resizeThenConvert(resized: Sharp): Promise<Sharp> {
  const tagged = await resized.keepIccProfile().tiff({ compression: 'none' }).toBuffer();
  return sharp(tagged).toColourspace('srgb');
}

function parseWidths(json: string): number[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((w): w is number => typeof w === 'number') : [];
  } catch {
    return [];
  }
}

/** The stored rendition widths of each photo, by hash (photos not stored are absent). */
export async function photoWidths(db: DbOrTrx, hashes: readonly string[]): Promise<Map<string, number[]>> {
  if (hashes.length === 0) return new Map();
  const rows = await db.selectFrom('photos').select(['hash', 'widths']).where('hash', 'in', hashes).execute();
  return new Map(rows.map((r) => [r.hash, JSON.parse(r.widths) as number[]]));
}

/**
 * Why a rendition brought in by an archive does not match its name (`<hash>-<width>.webp`) and its
 * photo record, or null when it does: a WebP file that is one whole RIFF container (no bytes after
 * it), a still image with no metadata (we write none), decoded without error, `width` pixels wide
 * (the photo's own width when it is narrower: `renditionWidths`) and of the photo's proportions.
 * The name's hash is that of the original upload, which no archive holds: what can be checked is
 * that the bytes are the image the name and record describe.
 */
export async function renditionProblem(
  file: string,
  width: number,
  photo: { width: number; height: number },
  maxBytes: number,
): Promise<string | null> {
  const size = fs.statSync(file).size;
  if (size > maxBytes) return 'is larger than a photo may be';
  const handle = await fs.promises.open(file, 'r');
  const head = await handle.read(Buffer.alloc(12), 0, 12, 0).then(
    (r) => r.buffer,
    () => Buffer.alloc(0),
  );
  await handle.close();
  if (sniffImageType(head) !== 'webp' || head.readUInt32LE(4) + 8 !== size) return 'is not a WebP image';
  let meta: Metadata;
  try {
    const image = sharp(file, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'warning' });
    meta = await image.metadata();
    // A full decode: truncated or corrupt image data is refused, not only a bad header.
    await image.raw().toBuffer();
  } catch {
    return 'is not a readable image';
  }
  if (meta.format !== 'webp' || (meta.pages ?? 1) !== 1) return 'is not a still WebP image';
  if (meta.exif || meta.xmp || meta.icc) return 'carries metadata our photos never have';
  const expectedWidth = Math.min(width, photo.width);
  const expectedHeight = Math.max(1, Math.round((photo.height * expectedWidth) / photo.width));
  if (meta.width !== expectedWidth || Math.abs((meta.height ?? 0) - expectedHeight) > 1) {
    return `is ${meta.width}×${meta.height} pixels, not the ${expectedWidth}×${expectedHeight} its name and record say`;
  }
  return null;
}
