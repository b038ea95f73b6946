/**
 * The printable sheet `/bricolages/:id/fiche`: one clean A4 page for the display boards in town
 * halls, with its own layout (no site chrome) and a QR code to the bricolage's online page.
 */
import QRCode from 'qrcode';
import { loadBricolage } from '../../storage/gallery/bricolage-detail.js';
import type { GalleryDeps } from '../deps.js';
import { html, type PageBuilder } from '../serve-page.js';
import { photoView, SIZES } from '../view-models.js';

const ID = /^[1-9][0-9]{0,9}$/;

/** The QR code as inline SVG (no script, no external request; CSP-friendly). */
export async function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

export function sheetPage(deps: GalleryDeps): PageBuilder {
  return async (req, ctx) => {
    const id = String(req.params.id);
    if (!ID.test(id)) return null;
    const b = await loadBricolage(deps.db, Number(id));
    if (!b) return null;
    const url = ctx.absolute(`/bricolages/${b.id}`);
    return html(
      deps.renderer.renderDocument('sheet', ctx, {
        title: ctx.t('sheet.title', { title: b.title }),
        b,
        authorMairie: ctx.mairie(b.author.mairie),
        dateText: ctx.date(b.publishedAt),
        datetime: b.publishedAt,
        steps: b.steps.map((s) => ({
          position: s.position,
          text: s.text,
          // One photo per step keeps the sheet on one page.
          photo: s.photos[0]
            ? photoView(
                s.photos[0],
                ctx.t('bricolage.stepPhotoAlt', { step: s.position, n: 1, text: s.text.slice(0, 80) }),
                SIZES.step,
                400,
              )
            : null,
        })),
        qr: await qrSvg(url),
        qrAlt: ctx.t('sheet.qrAlt', { url }),
        url,
        backHref: ctx.href(`/bricolages/${b.id}`),
        likeText: ctx.t('bricolage.likes', { count: b.likers.length }),
        adoptionText: ctx.t('bricolage.adoptions', { count: b.adoptions.length }),
      }),
    );
  };
}
