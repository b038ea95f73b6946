/**
 * The answers of API routes when something goes wrong outside a route's own handling: JSON with a
 * stable code and a short text, French first with English alongside (the local chat's shape).
 * Never an error's message, stack or path.
 */
import type { ServerResponse } from 'node:http';
import type { Response } from 'express';

const MESSAGES: Record<string, [string, string]> = {
  bad_request: ['Requête illisible.', 'The request could not be read.'],
  unauthorized: ['Requête non authentifiée.', 'The request is not authenticated.'],
  forbidden: ['Requête refusée.', 'Request refused.'],
  not_found: ["Cette adresse n'existe pas.", 'This address does not exist.'],
  method_not_allowed: ["Cette méthode n'est pas acceptée ici.", 'This method is not accepted here.'],
  too_large: ['Requête trop volumineuse.', 'The request is too large.'],
  unsupported_media_type: ['Format de requête non pris en charge.', 'Unsupported request format.'],
  too_many_requests: ['Trop de requêtes : réessayez dans un instant.', 'Too many requests: try again in a moment.'],
  server: ['Le service a rencontré un problème. Réessayez.', 'The service ran into a problem. Please try again.'],
  unavailable: ['Service momentanément indisponible. Réessayez.', 'Service temporarily unavailable. Please try again.'],
};

const CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
  503: 'unavailable',
};

/** The code for an HTTP status: a known 4xx, `bad_request` for another 4xx, `server` otherwise. */
export function codeFor(status: number): string {
  return CODES[status] ?? (status >= 400 && status < 500 ? 'bad_request' : 'server');
}

function apiErrorBody(status: number): { error: string; message: string; messageEn: string } {
  const code = codeFor(status);
  const [fr, en] = MESSAGES[code];
  return { error: code, message: fr, messageEn: en };
}

export function sendApiError(res: Response, status: number): void {
  res.status(status).set('Cache-Control', 'no-store').json(apiErrorBody(status));
}

/** The same answer on a bare node:http response (routes answered before Express, `front-door.ts`). */
export function sendRawApiError(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(apiErrorBody(status));
  res
    .writeHead(status, {
      ...headers,
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'content-length': String(Buffer.byteLength(body)),
    })
    .end(body);
}

/**
 * The answer while the server listens but has not mounted its routes yet (a few milliseconds at
 * start): 503 with `Retry-After`, JSON on API routes, a short page (French, then English) elsewhere,
 * never a framework's default page.
 */
export function sendRawStarting(res: ServerResponse, api: boolean): void {
  if (api) return sendRawApiError(res, 503, { 'Retry-After': '1' });
  const [fr, en] = MESSAGES.unavailable;
  const body = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${fr}</title></head><body><main><h1>${fr}</h1><p lang="en">${en}</p></main></body></html>`;
  res
    .writeHead(503, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'retry-after': '1',
      'content-length': String(Buffer.byteLength(body)),
    })
    .end(body);
}
