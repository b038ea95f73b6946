/* Renders both panes from the state: messages, cards, reactions, threads; keeps focus in place. */
import { press, removeMessage, saveEdit, toggleReaction } from './actions.js';
import { composer } from './composer.js';
import { el, hue, initials, timeOf } from './dom.js';
import { t } from './i18n.js';
import { richText } from './rich-text.js';
import { COMMUNITY, composers, DM, state } from './state.js';

export function renderCard(card, detailed) {
  const stepsCount = card.steps ? card.steps.length : 0;
  const byline = card.labels?.byline?.includes(card.authorName) ? card.labels.byline : t('by', { name: card.authorName });
  const stepLabel =
    card.labels && /\d/.test(card.labels.stepCount || '') ? card.labels.stepCount : t('stepCount', { n: stepsCount });
  const problemLabel = card.labels?.problem || t('problem');
  return el(
    'article',
    { class: 'card' },
    // The preview lists every step with its photos; the community post shows the cover instead.
    card.coverPhoto && !detailed
      ? el('img', {
          class: 'cover',
          src: card.coverPhoto.url,
          alt: card.coverPhoto.alt || t('coverAlt', { title: card.title }),
          loading: 'lazy',
        })
      : null,
    el(
      'div',
      { class: 'card-body' },
      el('h3', { class: 'card-title' }, card.title),
      el(
        'p',
        { class: 'byline' },
        byline,
        card.mairie && !byline.includes(card.mairie) ? el('span', { class: 'mairie-tag' }, card.mairie) : null,
      ),
      el('p', { class: 'tags' }, el('span', { class: 'tag' }, card.category), el('span', { class: 'tag muted' }, stepLabel)),
      el('p', { class: 'problem' }, el('strong', {}, `${problemLabel.replace(/\s*:?\s*$/, '')} : `), card.problem),
      detailed && stepsCount > 0
        ? el(
            'ol',
            { class: 'steps' },
            card.steps.map((step) =>
              el(
                'li',
                {},
                el('span', {}, step.text),
                step.photos?.length
                  ? el(
                      'span',
                      { class: 'step-photos' },
                      step.photos.map((p) => el('img', { src: p.url, alt: p.alt || '', loading: 'lazy' })),
                    )
                  : null,
              ),
            ),
          )
        : null,
      card.galleryUrl
        ? el('a', { class: 'gallery-link', href: card.galleryUrl }, t('seeGallery'), el('span', { 'aria-hidden': 'true' }, ' →'))
        : null,
    ),
  );
}

export function renderReactions(message) {
  const box = el('div', { class: 'reactions' });
  for (const reaction of message.reactions) {
    box.append(
      el(
        'button',
        {
          type: 'button',
          class: `reaction ${reaction.mine ? 'mine' : ''}`,
          id: `reaction-${message.id}-${reaction.emoji}`,
          'aria-pressed': reaction.mine ? 'true' : 'false',
          'aria-label': t('reactionChip', {
            emoji: reaction.emoji,
            n: reaction.count,
            action: t(reaction.mine ? 'reactionRemove' : 'reactionAdd'),
          }),
          onclick: () => toggleReaction(message, reaction.emoji, reaction.mine),
        },
        el('span', { 'aria-hidden': 'true' }, reaction.emoji),
        el('span', { class: 'count', 'aria-hidden': 'true' }, String(reaction.count)),
      ),
    );
  }
  const open = state.palette === message.id;
  box.append(
    el('button', {
      type: 'button',
      class: 'reaction add',
      'aria-expanded': open ? 'true' : 'false',
      'aria-label': t('addReaction'),
      title: t('addReaction'),
      id: `add-reaction-${message.id}`,
      text: '☺+',
      onclick: () => {
        state.palette = open ? null : message.id;
        renderAll(`add-reaction-${message.id}`);
      },
    }),
  );
  if (open) {
    box.append(
      el(
        'div',
        { class: 'palette', role: 'group', 'aria-label': t('addReaction') },
        state.emojis.map((emoji) =>
          el('button', {
            type: 'button',
            class: 'emoji',
            'aria-label': t('reactWith', { emoji }),
            text: emoji,
            onclick: () => {
              state.palette = null;
              const mine = message.reactions.some((r) => r.emoji === emoji && r.mine);
              toggleReaction(message, emoji, mine);
            },
          }),
        ),
      ),
    );
  }
  return box;
}

export function renderMessage(message, key, replies) {
  const author = message.author;
  const editing = state.editing && state.editing.id === message.id;
  const meta = el(
    'div',
    { class: 'meta' },
    el('span', { class: 'author' }, author.name),
    author.mairie ? el('span', { class: 'mairie' }, author.mairieLabels?.[state.lang] ?? author.mairie) : null,
    message.mine ? el('span', { class: 'you' }, `(${t('you')})`) : null,
    el('time', { datetime: message.createdAt }, timeOf(message.createdAt)),
    message.editedAt ? el('span', { class: 'edited' }, t('edited')) : null,
  );

  let body;
  if (editing) {
    const area = el('textarea', { id: `edit-${message.id}`, rows: 2, 'aria-label': t('editLabel') });
    area.value = state.editing.value;
    area.addEventListener('input', () => (state.editing.value = area.value));
    const form = el(
      'form',
      {
        class: 'edit-form',
        onsubmit: (e) => {
          e.preventDefault();
          saveEdit(message, key);
        },
      },
      area,
      el(
        'div',
        { class: 'row' },
        el('button', { type: 'submit', class: 'small primary', text: t('save') }),
        el('button', {
          type: 'button',
          class: 'small',
          text: t('cancel'),
          onclick: () => {
            state.editing = null;
            renderAll();
          },
        }),
      ),
      el('p', { class: 'form-error', role: 'alert', id: `edit-error-${message.id}` }),
    );
    area.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        state.editing = null;
        renderAll();
      }
    });
    body = form;
  } else {
    // A card carries its own title: its fallback text would only repeat it.
    body = message.text && !message.card ? el('div', { class: 'text' }, richText(message.rich)) : null;
  }

  const photos = message.photos.length
    ? el(
        'div',
        { class: 'photos' },
        message.photos.map((p) =>
          el(
            'a',
            { href: p.url, target: '_blank', rel: 'noopener' },
            el('img', { src: p.url, alt: t('photoAlt', { name: p.name || '' }), loading: 'lazy' }),
          ),
        ),
      )
    : null;

  // The card already links to the gallery: a link button to the same page would repeat it.
  const shownButtons = message.buttons.filter((b) => !(b.url && message.card && b.url === message.card.galleryUrl));
  const buttons = shownButtons.length
    ? el(
        'div',
        { class: 'buttons' },
        shownButtons.map((b) =>
          b.url
            ? el('a', { class: `btn ${b.style || ''}`, href: b.url }, b.label)
            : el(
                'button',
                { type: 'button', class: `btn ${b.style || ''}`, onclick: (e) => press(message, b, e.currentTarget) },
                b.label,
              ),
        ),
      )
    : null;

  const actions = el('div', { class: 'actions' });
  const isRoot = key === COMMUNITY && message.threadId === null;
  if (isRoot) {
    const open = state.openThreads.has(message.id);
    const count = replies ? replies.length : 0;
    actions.append(
      el('button', {
        type: 'button',
        class: 'link thread-toggle',
        id: `thread-toggle-${message.id}`,
        'aria-expanded': open ? 'true' : 'false',
        'aria-controls': `thread-${message.id}`,
        text: open ? t('hideThread') : count > 0 ? `${t('reply')} · ${t('replies', { n: count })}` : t('reply'),
        onclick: () => {
          if (open) state.openThreads.delete(message.id);
          else state.openThreads.add(message.id);
          renderAll(open ? `thread-toggle-${message.id}` : `composer-thread-${message.id}-text`);
        },
      }),
    );
  }
  if (message.mine && !editing) {
    actions.append(
      el('button', {
        type: 'button',
        class: 'link',
        text: t('edit'),
        onclick: () => {
          state.editing = { id: message.id, value: message.text };
          renderAll(`edit-${message.id}`);
        },
      }),
      el('button', { type: 'button', class: 'link danger', text: t('delete'), onclick: () => removeMessage(message, key) }),
    );
  }

  const avatar = el('div', { class: 'avatar', 'aria-hidden': 'true' }, author.bot ? '🛠️' : initials(author.name));
  // Set from script: the page's CSP forbids inline style attributes.
  if (!author.bot) avatar.style.setProperty('--h', String(hue(author.id)));
  const item = el(
    'li',
    {
      class: `msg ${author.bot ? 'from-bot' : ''} ${message.mine ? 'from-me' : ''}`,
      id: `m-${message.id}`,
      'data-id': message.id,
      'data-author': author.id,
    },
    avatar,
    el(
      'div',
      { class: 'bubble' },
      meta,
      body,
      photos,
      message.card ? renderCard(message.card, key === DM) : null,
      buttons,
      key === COMMUNITY ? renderReactions(message) : null,
      actions.childNodes.length ? actions : null,
    ),
  );

  if (isRoot && state.openThreads.has(message.id)) {
    const thread = el(
      'div',
      {
        class: 'thread',
        id: `thread-${message.id}`,
        role: 'region',
        'aria-label': `${t('threadOf')} — ${message.card ? message.card.title : author.name}`,
      },
      el(
        'ol',
        { class: 'replies' },
        (replies || []).map((reply) => renderMessage(reply, key, null)),
      ),
      composer(`thread-${message.id}`, { channel: COMMUNITY, thread: message.id, placeholder: 'placeholderThread' }),
    );
    item.querySelector('.bubble').append(thread);
  }
  return item;
}

export function renderList(key) {
  const list = document.getElementById(key === DM ? 'list-dm' : 'list-community');
  const scroller = list.parentElement;
  const nearBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 80;
  const previousTop = scroller.scrollTop;
  const messages = state.messages[key];
  const roots = messages.filter((m) => m.threadId === null);
  const repliesOf = new Map();
  for (const m of messages) {
    if (m.threadId !== null) {
      if (!repliesOf.has(m.threadId)) repliesOf.set(m.threadId, []);
      repliesOf.get(m.threadId).push(m);
    }
  }
  if (roots.length === 0 && state.loaded[key]) {
    list.replaceChildren(el('li', { class: 'empty' }, t(key === DM ? 'emptyDm' : 'emptyCommunity')));
  } else {
    list.replaceChildren(...roots.map((m) => renderMessage(m, key, repliesOf.get(m.id) || [])));
  }
  scroller.scrollTop = nearBottom ? scroller.scrollHeight : previousTop;
}

/** Re-renders both panes, keeping focus where it was (or moving it to `focusId`). */
export function renderAll(focusId) {
  const active = document.activeElement;
  const activeId = focusId || active?.id || null;
  const selection =
    active && 'selectionStart' in active && active.tagName === 'TEXTAREA' ? [active.selectionStart, active.selectionEnd] : null;
  renderList(DM);
  renderList(COMMUNITY);
  if (activeId) {
    const target = document.getElementById(activeId);
    if (target && target !== document.activeElement) {
      target.focus({ preventScroll: !focusId });
      if (selection && !focusId && target.tagName === 'TEXTAREA') target.setSelectionRange(selection[0], selection[1]);
    }
  }
}

export function applyLanguage() {
  document.documentElement.lang = state.lang;
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  const toggle = document.getElementById('lang-toggle');
  toggle.textContent = t('langToggle');
  toggle.lang = t('langToggleLang');
  for (const entry of composers.values()) entry.relabel();
  renderPicker();
  renderAll();
}

/** One option per demo agent: name, mairie in the page's language, and the animateur mark. */
export function renderPicker() {
  const picker = document.getElementById('agent-picker');
  picker.replaceChildren(
    ...state.agents.map((a) =>
      el(
        'option',
        { value: a.id, selected: a.id === state.me },
        `${a.name} — ${a.mairieLabels?.[state.lang] ?? a.mairie ?? t('noMairie')}${a.animator ? ` · ${t('animator')}` : ''}`,
      ),
    ),
  );
}

export function selectTab(tab) {
  state.tab = tab;
  document.body.dataset.tab = tab;
  for (const [name, id] of [
    [DM, 'tab-dm'],
    [COMMUNITY, 'tab-community'],
  ]) {
    const button = document.getElementById(id);
    button.setAttribute('aria-selected', name === tab ? 'true' : 'false');
    button.tabIndex = name === tab ? 0 : -1;
  }
}
