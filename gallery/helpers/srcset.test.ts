import { describe, expect, it } from 'vitest';
import { imageAttributes, parseWidths } from './srcset.js';

const url = (w: number) => `/media/abc-${w}.webp`;

describe('parseWidths', () => {
  it('reads, dedupes and sorts the stored widths', () => {
    expect(parseWidths('[1600, 400, 800, 400]')).toEqual([400, 800, 1600]);
  });
  it('ignores broken values', () => {
    expect(parseWidths('not json')).toEqual([]);
    expect(parseWidths('{"a":1}')).toEqual([]);
    expect(parseWidths('[400, -1, "x", 2.5]')).toEqual([400]);
  });
});

describe('imageAttributes', () => {
  it('lists every width and picks the largest up to the preferred one', () => {
    expect(imageAttributes(url, [400, 800, 1600], { width: 2000, height: 1500 })).toEqual({
      src: '/media/abc-800.webp',
      srcset: '/media/abc-400.webp 400w, /media/abc-800.webp 800w, /media/abc-1600.webp 1600w',
      width: 800,
      height: 600,
    });
  });
  it('falls back to the smallest width for small photos', () => {
    expect(imageAttributes(url, [400], { width: 300, height: 600 }, 200)).toMatchObject({
      src: '/media/abc-400.webp',
      width: 400,
      height: 800,
    });
  });
  it('gives nothing without widths', () => {
    expect(imageAttributes(url, [], { width: 1, height: 1 })).toBeNull();
  });
});
