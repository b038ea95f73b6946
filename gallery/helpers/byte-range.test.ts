import { describe, expect, it } from 'vitest';
import { byteRange, etagMatches, ifRangeHolds } from './byte-range.js';

describe('byteRange', () => {
  it('reads one range, from its start, to its end, or the last bytes', () => {
    expect(byteRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(byteRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(byteRange('bytes=90-500', 100)).toEqual({ start: 90, end: 99 });
    expect(byteRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(byteRange('bytes=-500', 100)).toEqual({ start: 0, end: 99 });
    expect(byteRange(' Bytes = 5 - 6 ', 100)).toEqual({ start: 5, end: 6 });
  });
  it('says when nothing of the file is asked for', () => {
    expect(byteRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(byteRange('bytes=100-200', 100)).toBe('unsatisfiable');
    expect(byteRange('bytes=-0', 100)).toBe('unsatisfiable');
    expect(byteRange('bytes=-5', 0)).toBe('unsatisfiable');
  });
  it('sends the whole file for no range, several ranges, another unit or nonsense', () => {
    for (const header of [undefined, '', 'bytes=0-1,5-6', 'items=0-1', 'bytes=-', 'bytes=9-3', 'bytes=a-b']) {
      expect(byteRange(header, 100), header).toBeNull();
    }
  });
});

describe('etagMatches', () => {
  it('compares weakly, in a list, or any with *', () => {
    expect(etagMatches('"abc"', '"abc"')).toBe(true);
    expect(etagMatches('W/"abc"', '"abc"')).toBe(true);
    expect(etagMatches('"x", W/"abc"', 'W/"abc"')).toBe(true);
    expect(etagMatches('*', '"abc"')).toBe(true);
    expect(etagMatches('"abd"', '"abc"')).toBe(false);
    expect(etagMatches(undefined, '"abc"')).toBe(false);
  });
});

describe('ifRangeHolds', () => {
  const modified = new Date('2026-12-04T10:00:00.500Z');
  it('holds without the header, for the same strong tag, or a date not before the file', () => {
    expect(ifRangeHolds(undefined, { etag: '"abc"', modified })).toBe(true);
    expect(ifRangeHolds('"abc"', { etag: '"abc"', modified })).toBe(true);
    expect(ifRangeHolds(modified.toUTCString(), { etag: '"abc"', modified })).toBe(true);
  });
  it('fails for another tag, any weak tag, or an older date', () => {
    expect(ifRangeHolds('"abd"', { etag: '"abc"', modified })).toBe(false);
    expect(ifRangeHolds('W/"abc"', { etag: 'W/"abc"', modified })).toBe(false);
    expect(ifRangeHolds('Thu, 03 Dec 2026 10:00:00 GMT', { etag: '"abc"', modified })).toBe(false);
  });
});
