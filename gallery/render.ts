/**
 * Handlebars setup: one layout, one template per page, partials, all compiled once at start.
 * Templates only ever print user content with `{{ }}` (escaped); the layout inserts the page body,
 * which is our own rendered HTML, with `{{{body}}}`.
 */
import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { Locale } from '../config.js';
import type { PageContext } from './context.js';
import { localeTag } from './helpers/format-date.js';
import { projectRoot } from './project-root.js';

export interface PageModel {
  /** The document title (the site name is appended). */
  title: string;
  /** Which nav entry is current, if any. */
  nav?: 'home' | 'list' | 'search' | 'stats' | 'ranking' | 'workshops' | 'proven' | 'challenges';
  [key: string]: unknown;
}

export interface Renderer {
  render(page: string, ctx: PageContext, model: PageModel): string;
  /** A template that is a whole document of its own (the printable sheet, the Atom feed): no site layout. */
  renderDocument(page: string, ctx: PageContext, model: Record<string, unknown>): string;
}

export function createRenderer(viewsDir = path.join(projectRoot(), 'gallery', 'views')): Renderer {
  const hbs = Handlebars.create();
  // Parse every template now so a template error stops the start, not a visitor's request.
  const compile = (file: string) => {
    const source = fs.readFileSync(file, 'utf8');
    hbs.precompile(source, { strict: false });
    return hbs.compile(source);
  };
  const partialsDir = path.join(viewsDir, 'partials');
  for (const file of fs.readdirSync(partialsDir).filter((f) => f.endsWith('.hbs'))) {
    hbs.registerPartial(path.basename(file, '.hbs'), compile(path.join(partialsDir, file)));
  }
  const pages = new Map<string, HandlebarsTemplateDelegate>();
  for (const file of fs.readdirSync(viewsDir).filter((f) => f.endsWith('.hbs') && f !== 'layout.hbs')) {
    pages.set(path.basename(file, '.hbs'), compile(path.join(viewsDir, file)));
  }
  const layout = compile(path.join(viewsDir, 'layout.hbs'));

  const ctxOf = (options: Handlebars.HelperOptions): PageContext => options.data.root.ctx as PageContext;
  hbs.registerHelper('t', (key: string, options: Handlebars.HelperOptions) => ctxOf(options).t(key, options.hash));
  hbs.registerHelper('href', (...args: unknown[]) => {
    const options = args.pop() as Handlebars.HelperOptions;
    return ctxOf(options).href(args.map(String).join(''), options.hash);
  });
  hbs.registerHelper('date', (iso: string, options: Handlebars.HelperOptions) => ctxOf(options).date(iso));
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);

  return {
    renderDocument(page, ctx, model) {
      const template = pages.get(page);
      if (!template) throw new Error(`no gallery template "${page}"`);
      return template({ ...model, ctx, langTag: localeTag(ctx.locale) });
    },
    render(page, ctx, model) {
      const template = pages.get(page);
      if (!template) throw new Error(`no gallery template "${page}"`);
      const data = { ...model, ctx };
      const body = template(data);
      const other: Locale = ctx.locale === 'fr' ? 'en' : 'fr';
      return layout({
        ...data,
        body: new hbs.SafeString(body),
        langTag: localeTag(ctx.locale),
        switchFr: ctx.switchTo('fr'),
        switchEn: ctx.switchTo('en'),
        isFr: ctx.locale === 'fr',
        otherLocale: other,
      });
    },
  };
}
