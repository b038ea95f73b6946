/**
 * The one way adapters turn an HTTP answer into photo bytes: refusals and expired links become
 * `PhotoDownloadError`s, and the size limit is enforced from `Content-Length` and again while
 * streaming (`PhotoTooLargeError`), so an oversized or lying file never fills memory.
 */
import { PhotoDownloadError, PhotoTooLargeError } from './errors.js';

/** Reads a download response within `maxBytes`; the response body is always consumed or cancelled. */
export async function readPhotoResponse(photoId: string, response: Response, maxBytes: number): Promise<Buffer> {
  const refuse = async (problem: 'expired' | 'notFound' | 'failed', detail: string): Promise<never> => {
    await response.body?.cancel();
    throw new PhotoDownloadError(photoId, problem, detail);
  };
  // A refused token, a lapsed short-lived link, or a redirect to a login page.
  if (response.status === 401 || response.status === 403 || (response.status >= 300 && response.status < 400)) {
    return refuse('expired', `HTTP ${response.status}`);
  }
  if (response.status === 404 || response.status === 410) return refuse('notFound', `HTTP ${response.status}`);
  if (!response.ok || !response.body) return refuse('failed', `HTTP ${response.status}`);
  if ((response.headers.get('content-type') ?? '').startsWith('text/html')) {
    return refuse('expired', 'answered a web page (token not accepted)');
  }
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body.cancel();
    throw new PhotoTooLargeError(photoId, declared);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new PhotoTooLargeError(photoId, total);
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}
