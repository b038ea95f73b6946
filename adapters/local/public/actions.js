/* What the agent does: refresh a channel, react, press a button, edit, delete. */
import { api } from './api.js';
import { announce, setStatus } from './dom.js';
import { t } from './i18n.js';
import { renderAll, renderPicker } from './render.js';
import { COMMUNITY, channelId, DM, state } from './state.js';

export async function refresh(key) {
  if (!state.me) return;
  const me = state.me;
  const data = await api('GET', `api/channels/${encodeURIComponent(channelId(key))}/messages?as=${encodeURIComponent(me)}`);
  if (me !== state.me) return;
  const fresh = data.messages.filter((m) => !state.seen.has(m.id));
  for (const m of data.messages) state.seen.add(m.id);
  const firstLoad = !state.loaded[key];
  state.loaded[key] = true;
  state.messages[key] = data.messages;
  renderAll();
  if (!firstLoad) {
    const incoming = fresh.filter((m) => !m.mine);
    // The bot answering in the DM may have stored a mairie (or a role): the picker follows.
    if (key === DM && incoming.some((m) => m.author.bot)) refreshAgents().catch(() => {});
    if (incoming.length) {
      const last = incoming[incoming.length - 1];
      announce(t('newMessage', { name: last.author.name, text: (last.card ? last.card.title : last.text).slice(0, 140) }));
    }
  }
}

/** Refetches the demo agents (name, mairie, animateur) and redraws the picker. */
export async function refreshAgents() {
  const data = await api('GET', 'api/agents');
  state.agents = data.agents;
  renderPicker();
}

export async function safely(action, errorTarget) {
  try {
    await action();
  } catch (failure) {
    if (errorTarget) errorTarget.textContent = failure.message;
    else setStatus(failure.message);
  }
}

export function toggleReaction(message, emoji, mine) {
  return safely(async () => {
    if (mine) await api('DELETE', `api/messages/${message.id}/reactions/${encodeURIComponent(emoji)}`, { as: state.me });
    else await api('POST', `api/messages/${message.id}/reactions`, { as: state.me, emoji });
    await refresh(COMMUNITY);
    // Keep keyboard users where they were: on the chip, or on "add" when the chip is gone.
    const chip = document.getElementById(`reaction-${message.id}-${emoji}`);
    (chip || document.getElementById(`add-reaction-${message.id}`))?.focus();
  });
}

export function press(message, button, node) {
  node.disabled = true;
  return safely(async () => {
    try {
      await api('POST', `api/messages/${message.id}/buttons`, {
        as: state.me,
        lang: state.lang,
        actionId: button.actionId,
        value: button.value,
      });
    } finally {
      node.disabled = false;
    }
  });
}

export function saveEdit(message, key) {
  const value = state.editing ? state.editing.value : message.text;
  return safely(
    async () => {
      await api('PATCH', `api/messages/${message.id}`, { as: state.me, lang: state.lang, text: value });
      state.editing = null;
      await refresh(key);
    },
    document.getElementById(`edit-error-${message.id}`),
  );
}

export function removeMessage(message, key) {
  if (!window.confirm(t('confirmDelete'))) return;
  return safely(async () => {
    await api('DELETE', `api/messages/${message.id}`, { as: state.me });
    await refresh(key);
  });
}
