/*
 * The built-in local chat page: plain browser ES modules, no build step (entry point).
 * Every change arrives as a server-sent "changed" event naming a channel; the page refetches it.
 * All user content goes into the DOM as text nodes (never innerHTML).
 */
import { refresh } from './actions.js';
import { api } from './api.js';
import { composer } from './composer.js';
import { setStatus } from './dom.js';
import { applyLanguage, renderAll, selectTab } from './render.js';
import { connect } from './sse.js';
import { COMMUNITY, composers, DM, state } from './state.js';

function becomeAgent(id) {
  state.me = id;
  localStorage.setItem('chat-as', id);
  const url = new URL(location.href);
  url.searchParams.set('as', id);
  history.replaceState(null, '', url);
  state.messages = { dm: [], communaute: [] };
  state.loaded = { dm: false, communaute: false };
  state.seen = new Set();
  state.openThreads = new Set();
  state.editing = null;
  state.palette = null;
  for (const [key, _entry] of composers) if (key.startsWith('thread-')) composers.delete(key);
  document.body.dataset.as = id;
  renderAll();
  connect();
  // Opening the chat as this agent: the bot welcomes a newcomer once (it says nothing otherwise).
  api('POST', 'api/opened', { as: id, lang: state.lang }).catch(() => undefined);
}

async function start() {
  document.getElementById('slot-dm').append(composer('dm', { channel: DM, placeholder: 'placeholderDm' }));
  document
    .getElementById('slot-community')
    .append(composer('community', { channel: COMMUNITY, placeholder: 'placeholderCommunity' }));
  const data = await api('GET', 'api/agents');
  state.agents = data.agents;
  state.emojis = data.emojis;
  const wanted = new URL(location.href).searchParams.get('as') || localStorage.getItem('chat-as');
  const initial = state.agents.some((a) => a.id === wanted) ? wanted : state.agents[0].id;

  document.getElementById('agent-picker').addEventListener('change', (event) => becomeAgent(event.target.value));
  document.getElementById('lang-toggle').addEventListener('click', () => {
    state.lang = state.lang === 'fr' ? 'en' : 'fr';
    localStorage.setItem('chat-lang', state.lang);
    applyLanguage();
  });
  const tabs = [document.getElementById('tab-dm'), document.getElementById('tab-community')];
  tabs.forEach((tab, index) => {
    tab.addEventListener('click', () => selectTab(index === 0 ? DM : COMMUNITY));
    tab.addEventListener('keydown', (event) => {
      if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
      const next = tabs[(index + 1) % 2];
      selectTab(next === tabs[0] ? DM : COMMUNITY);
      next.focus();
    });
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && state.palette !== null) {
      const id = state.palette;
      state.palette = null;
      renderAll(`add-reaction-${id}`);
    }
  });
  selectTab(location.hash.startsWith('#m-') ? COMMUNITY : DM);
  state.me = initial;
  applyLanguage();
  becomeAgent(initial);
  await Promise.all([refresh(DM), refresh(COMMUNITY)]);
  if (location.hash.startsWith('#m-')) {
    const target = document.getElementById(location.hash.slice(1));
    if (target) {
      target.classList.add('highlight');
      target.scrollIntoView({ block: 'center' });
    }
  }
  document.body.dataset.ready = 'true';
}

start().catch((failure) => setStatus(failure.message));
