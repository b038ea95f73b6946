/* Server-sent events: every change names a channel, which the page refetches (debounced). */
import { refresh } from './actions.js';
import { setStatus } from './dom.js';
import { t } from './i18n.js';
import { COMMUNITY, DM, keyOf, state } from './state.js';

export function connect() {
  if (state.source) state.source.close();
  const source = new EventSource(`api/events?as=${encodeURIComponent(state.me)}&lang=${state.lang}`);
  state.source = source;
  const pending = new Set();
  let timer = null;
  source.addEventListener('changed', (event) => {
    const { channel } = JSON.parse(event.data);
    pending.add(keyOf(channel));
    clearTimeout(timer);
    timer = setTimeout(() => {
      for (const key of pending) refresh(key).catch(() => {});
      pending.clear();
    }, 30);
  });
  source.addEventListener('ready', () => {
    setStatus('');
    // Heal anything missed while disconnected.
    refresh(DM).catch(() => {});
    refresh(COMMUNITY).catch(() => {});
  });
  source.addEventListener('error', () => {
    if (source.readyState !== EventSource.OPEN) setStatus(t('reconnecting'));
  });
}
