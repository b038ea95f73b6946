/** Responsive image attributes from the widths a stored photo was written in. */

/** The stored widths column is parsed in one place, next to the queries that read it. */
export { parseWidths } from '../../storage/gallery/list.js';

export interface ImageAttributes {
  src: string;
  srcset: string;
  width: number;
  height: number;
}

/**
 * `src` is the largest width not above `preferred` (or the smallest), `srcset` lists every width,
 * and `width`/`height` keep the original aspect ratio so the page does not jump while loading.
 */
export function imageAttributes(
  urlFor: (width: number) => string,
  widths: number[],
  original: { width: number; height: number },
  preferred = 800,
): ImageAttributes | null {
  if (widths.length === 0) return null;
  const sorted = [...widths].sort((a, b) => a - b);
  const fitting = sorted.filter((w) => w <= preferred);
  const chosen = fitting.length > 0 ? fitting[fitting.length - 1] : sorted[0];
  const ratio = original.width > 0 ? original.height / original.width : 0.75;
  return {
    src: urlFor(chosen),
    srcset: sorted.map((w) => `${urlFor(w)} ${w}w`).join(', '),
    width: chosen,
    height: Math.max(1, Math.round(chosen * ratio)),
  };
}
