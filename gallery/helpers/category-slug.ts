/** A category's address segment: "État civil" → "etat-civil" (folded, dashes between words). */
export function categorySlug(category: string): string {
  return category
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}
