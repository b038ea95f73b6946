/** Atom 1.0 feeds: the latest 50 bricolages (`/feed.atom`), and per category (`/categories/:slug/feed.atom`). */
import { stripControlCharacters } from '../../domain/control-characters.js';
import { listBricolages } from '../../storage/gallery/list.js';
import type { GalleryDeps } from '../deps.js';
import { categorySlug } from '../helpers/category-slug.js';
import type { PageBuilder } from '../serve-page.js';

const ENTRIES = 50;

export function feedPage(deps: GalleryDeps, perCategory: boolean): PageBuilder {
  return async (req, ctx) => {
    let category: string | undefined;
    if (perCategory) {
      category = deps.config.categories.find((c) => categorySlug(c) === String(req.params.slug));
      if (!category) return null;
    }
    const { items } = await listBricolages(deps.db, { category, limit: ENTRIES });
    const path = category ? `/categories/${categorySlug(category)}` : '/';
    const selfPath = category ? `${path}/feed.atom` : '/feed.atom';
    // Newest first, so the first entry dates the feed; an empty feed says "nothing yet" with the epoch.
    const updated = items[0]?.publishedAt ?? '1970-01-01T00:00:00.000Z';
    const body = deps.renderer.renderDocument('feed', ctx, {
      title: category ? ctx.t('feed.titleCategory', { category }) : ctx.t('feed.title'),
      subtitle: ctx.t('site.description'),
      selfUrl: ctx.absolute(selfPath),
      htmlUrl: ctx.absolute(path),
      updated,
      entries: items.map((r) => ({
        title: r.title,
        url: ctx.absolute(`/bricolages/${r.id}`),
        published: r.publishedAt,
        author: r.author.name,
        category: r.category,
        summary: r.problem,
      })),
    });
    // XML 1.0 forbids most control characters: text stored before inbound text was cleaned may hold some.
    return { type: 'atom', body: stripControlCharacters(body) };
  };
}
