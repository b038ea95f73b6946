/**
 * `GET /media/<name>`: a stored photo file, from whichever media store is configured, so any
 * instance serves any photo. Names are content-addressed, so a file never changes: an entity tag,
 * a year of immutable caching, `304` on `If-None-Match`, and `206` byte ranges. Only names the
 * photo pipeline writes are ever asked of the store (`MEDIA_FILE_NAME`).
 */
import { pipeline } from 'node:stream/promises';
import type { NextFunction, Request, Response } from 'express';
import type { Config } from '../config.js';
import { type ByteRange, mediaStore } from '../storage/media/index.js';
import { mediaContentType } from '../storage/media/names.js';
import { byteRange, etagMatches, ifRangeHolds } from './helpers/byte-range.js';
import { isMediaName } from './helpers/media-name.js';

const IMMUTABLE = 'public, max-age=31536000, immutable';

export function mediaRoute(deps: { config: Config }) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const name = String(req.params.file);
    if (!isMediaName(name)) return next();
    const store = mediaStore(deps.config.media);
    try {
      const info = await store.head(name);
      if (!info) return next();
      const headers: Record<string, string> = {
        'Content-Type': mediaContentType(name),
        'Cache-Control': IMMUTABLE,
        ETag: info.etag,
        'Last-Modified': info.modified.toUTCString(),
        'Accept-Ranges': 'bytes',
      };
      if (etagMatches(req.get('If-None-Match'), info.etag)) {
        res.status(304).set(headers).end();
        return;
      }
      const asked = ifRangeHolds(req.get('If-Range'), info) ? byteRange(req.get('Range'), info.size) : null;
      if (asked === 'unsatisfiable') {
        res
          .status(416)
          .set({ ...headers, 'Content-Range': `bytes */${info.size}` })
          .end();
        return;
      }
      const range: ByteRange | undefined = asked ?? undefined;
      if (range) headers['Content-Range'] = `bytes ${range.start}-${range.end}/${info.size}`;
      headers['Content-Length'] = String(range ? range.end - range.start + 1 : info.size);
      if (req.method === 'HEAD') {
        res
          .status(range ? 206 : 200)
          .set(headers)
          .end();
        return;
      }
      const body = await store.stream(name, range);
      // Deleted between the two calls: as if never there.
      if (!body) return next();
      res.status(range ? 206 : 200).set(headers);
      await pipeline(body, res);
    } catch (error) {
      // A client gone mid-stream is not an error; a store failing before the first byte is a 500.
      if (!res.headersSent) next(error);
    }
  };
}
