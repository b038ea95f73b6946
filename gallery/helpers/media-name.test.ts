import { describe, expect, it } from 'vitest';
import { isMediaName, mediaPath } from './media-name.js';

const hash = 'a'.repeat(64);

describe('isMediaName', () => {
  it('accepts a content-addressed rendition', () => {
    expect(isMediaName(`${hash}-800.webp`)).toBe(true);
  });
  it('accepts the chat card JPEG', () => {
    expect(isMediaName(`${hash}-card.jpg`)).toBe(true);
  });
  it('refuses anything else', () => {
    for (const bad of [
      '../secret',
      `${hash}-800.png`,
      `${hash.toUpperCase()}-800.webp`,
      `${hash}-0800.webp`,
      `..%2F${hash}-800.webp`,
      `${hash}-800.webp/..`,
      'x-800.webp',
      `${hash}-800.jpg`,
      `${hash}-card.jpeg`,
      `${hash}-card.webp`,
      `${hash}.jpg`,
    ]) {
      expect(isMediaName(bad), bad).toBe(false);
    }
  });
});

describe('mediaPath', () => {
  it('builds the public path', () => {
    expect(mediaPath(hash, 400)).toBe(`/media/${hash}-400.webp`);
  });
});
