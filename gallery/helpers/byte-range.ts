/**
 * The HTTP conditions and ranges of `/media/…` (RFC 9110): which byte range a `Range` header asks
 * for, and whether `If-None-Match` / `If-Range` hold. One range at most: a request for several
 * gets the whole file, as the RFC allows.
 */
import type { ByteRange } from '../../storage/media/index.js';

/** The range asked for, resolved against the size; null for the whole file; `unsatisfiable` past its end. */
export function byteRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | null {
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header ?? '');
  if (!match || (match[1] === '' && match[2] === '')) return null;
  if (match[1] === '') {
    // `bytes=-n`: the last n bytes.
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const last = match[2] === '' ? null : Number(match[2]);
  if (last !== null && last < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end: Math.min(last ?? size - 1, size - 1) };
}

/** `If-None-Match` (weak comparison): whether the client's copy is this one. */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => opaque(tag) === opaque(etag));
}

/** `If-Range`: a range is sent only for the very version the client has (a strong tag, or its date). */
export function ifRangeHolds(header: string | undefined, current: { etag: string; modified: Date }): boolean {
  if (!header) return true;
  const value = header.trim();
  if (value.startsWith('"') || value.startsWith('W/')) return !current.etag.startsWith('W/') && value === current.etag;
  const date = Date.parse(value);
  return Number.isFinite(date) && Math.floor(current.modified.getTime() / 1000) * 1000 <= date;
}
