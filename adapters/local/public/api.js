/* The local chat HTTP API: one fetch wrapper that turns failures into friendly messages. */
import { t } from './i18n.js';
import { state } from './state.js';

export function errorText(body) {
  if (body && typeof body.message === 'string') return state.lang === 'en' && body.messageEn ? body.messageEn : body.message;
  return t('failed');
}

export async function api(method, url, body) {
  const init = { method, headers: { 'X-Local-Chat': '1' } };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new Error(t('failed'));
  }
  if (response.status === 204) return null;
  const data = await response.json().catch(() => null);
  if (!response.ok) throw new Error(errorText(data));
  return data;
}
