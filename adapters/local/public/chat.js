/*
 * The built-in local chat page: plain browser JavaScript, no build step.
 * Every change arrives as a server-sent "changed" event naming a channel; the page refetches it.
 * All user content goes into the DOM as text nodes (never innerHTML).
 */
(() => {
  const STRINGS = {
    fr: {
      skip: 'Aller à la conversation',
      brand: "L'agent bricoleur",
      localChat: 'chat local',
      actAs: 'Je suis',
      gallery: 'Galerie',
      panes: 'Volets',
      langToggle: 'English',
      langToggleLang: 'en',
      dmTitle: 'Conversation avec le bot',
      dmHint: 'Tapez « nouveau » pour partager un bricolage, « aide » pour découvrir les commandes.',
      communityHint: 'Les bricolages publiés arrivent ici : réagissez et répondez dans les fils.',
      emptyDm: 'Aucun message pour le moment. Dites « nouveau » au bot pour partager un bricolage !',
      emptyCommunity: 'Rien dans #communaute pour le moment.',
      messageLabel: 'Votre message',
      placeholderDm: 'Écrire au bot…',
      placeholderCommunity: 'Écrire dans #communaute…',
      placeholderThread: 'Répondre dans le fil…',
      attach: 'Joindre des photos',
      send: 'Envoyer',
      sending: 'Envoi…',
      removePhoto: 'Retirer {name}',
      reply: 'Répondre dans le fil',
      replies: { one: '1 réponse', other: '{n} réponses' },
      hideThread: 'Fermer le fil',
      threadOf: 'Fil de la discussion',
      edit: 'Modifier',
      editLabel: 'Modifier le message',
      delete: 'Supprimer',
      save: 'Enregistrer',
      cancel: 'Annuler',
      edited: '(modifié)',
      confirmDelete: 'Supprimer ce message ?',
      addReaction: 'Ajouter une réaction',
      reactWith: 'Réagir avec {emoji}',
      reactionChip: '{emoji} : {n}, {action}',
      reactionAdd: 'ajouter ma réaction',
      reactionRemove: 'retirer ma réaction',
      photoAlt: 'Photo jointe : {name}',
      coverAlt: 'Photo du bricolage « {title} »',
      seeGallery: 'Voir dans la galerie',
      stepCount: { one: '1 étape', other: '{n} étapes' },
      by: 'Par {name}',
      newMessage: 'Nouveau message de {name} : {text}',
      you: 'vous',
      reconnecting: 'Connexion perdue, reconnexion…',
      tooMany: '10 photos au plus par message.',
      failed: "Impossible d'envoyer. Vérifiez la connexion et réessayez.",
    },
    en: {
      skip: 'Skip to the conversation',
      brand: "L'agent bricoleur",
      localChat: 'local chat',
      actAs: 'I am',
      gallery: 'Gallery',
      panes: 'Panes',
      langToggle: 'Français',
      langToggleLang: 'fr',
      dmTitle: 'Conversation with the bot',
      dmHint: 'Type “nouveau” to share a bricolage, “aide” to discover the commands.',
      communityHint: 'Published bricolages land here: react and reply in the threads.',
      emptyDm: 'No message yet. Say “nouveau” to the bot to share a bricolage!',
      emptyCommunity: 'Nothing in #communaute yet.',
      messageLabel: 'Your message',
      placeholderDm: 'Write to the bot…',
      placeholderCommunity: 'Write in #communaute…',
      placeholderThread: 'Reply in the thread…',
      attach: 'Attach photos',
      send: 'Send',
      sending: 'Sending…',
      removePhoto: 'Remove {name}',
      reply: 'Reply in thread',
      replies: { one: '1 reply', other: '{n} replies' },
      hideThread: 'Close the thread',
      threadOf: 'Thread',
      edit: 'Edit',
      editLabel: 'Edit the message',
      delete: 'Delete',
      save: 'Save',
      cancel: 'Cancel',
      edited: '(edited)',
      confirmDelete: 'Delete this message?',
      addReaction: 'Add a reaction',
      reactWith: 'React with {emoji}',
      reactionChip: '{emoji}: {n}, {action}',
      reactionAdd: 'add my reaction',
      reactionRemove: 'remove my reaction',
      photoAlt: 'Attached photo: {name}',
      coverAlt: 'Photo of the bricolage “{title}”',
      seeGallery: 'See in the gallery',
      stepCount: { one: '1 step', other: '{n} steps' },
      by: 'By {name}',
      newMessage: 'New message from {name}: {text}',
      you: 'you',
      reconnecting: 'Connection lost, reconnecting…',
      tooMany: '10 photos at most per message.',
      failed: 'Could not send. Check the connection and try again.',
    },
  };

  const DM = 'dm';
  const COMMUNITY = 'communaute';
  const MAX_PHOTOS = 10;

  const state = {
    lang: localStorage.getItem('chat-lang') === 'en' ? 'en' : 'fr',
    agents: [],
    emojis: [],
    me: null,
    /** channel key ('dm' | 'communaute') → messages from the server */
    messages: { dm: [], communaute: [] },
    seen: new Set(),
    loaded: { dm: false, communaute: false },
    openThreads: new Set(),
    palette: null,
    editing: null,
    tab: 'dm',
    source: null,
  };
  /** Composer forms survive re-renders (typed text, chosen files): key → { form, files } */
  const composers = new Map();

  // ---------------------------------------------------------------- helpers

  function t(key, vars) {
    let value = STRINGS[state.lang][key];
    if (value && typeof value === 'object') value = vars && vars.n === 1 ? value.one : value.other;
    if (typeof value !== 'string') return key;
    return value.replace(/\{(\w+)\}/g, (_, name) => (vars && name in vars ? String(vars[name]) : ''));
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name === 'class') node.className = value;
      else if (name === 'text') node.textContent = value;
      else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  /** Safe rich text: `*bold*`, http(s) links and line breaks only, built from text nodes. */
  function richText(text) {
    const frag = document.createDocumentFragment();
    text.split('\n').forEach((line, index) => {
      if (index > 0) frag.append(el('br'));
      const parts = line.split(/(\*[^*\n]+\*|https?:\/\/[^\s<>"]+)/g);
      for (const part of parts) {
        if (part.length > 2 && part.startsWith('*') && part.endsWith('*')) frag.append(el('strong', {}, part.slice(1, -1)));
        else if (/^https?:\/\//.test(part)) frag.append(el('a', { href: part, rel: 'noopener' }, part));
        else if (part) frag.append(document.createTextNode(part));
      }
    });
    return frag;
  }

  function channelId(key) {
    return key === DM ? `dm:${state.me}` : COMMUNITY;
  }

  function keyOf(channel) {
    return channel === COMMUNITY ? COMMUNITY : DM;
  }

  function errorText(body) {
    if (body && typeof body.message === 'string') return state.lang === 'en' && body.messageEn ? body.messageEn : body.message;
    return t('failed');
  }

  async function api(method, url, body) {
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

  function initials(name) {
    return name
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((w) => w[0].toUpperCase())
      .join('');
  }

  function hue(id) {
    let h = 0;
    for (const c of id) h = (h * 31 + c.charCodeAt(0)) % 360;
    return h;
  }

  function timeOf(iso) {
    const date = new Date(iso);
    return date.toLocaleTimeString(state.lang === 'en' ? 'en-GB' : 'fr-FR', { hour: '2-digit', minute: '2-digit' });
  }

  function setStatus(text) {
    document.getElementById('status').textContent = text;
  }

  function announce(text) {
    const node = document.getElementById('announcer');
    node.textContent = '';
    setTimeout(() => (node.textContent = text), 50);
  }

  // ---------------------------------------------------------------- composers

  function composer(key, options) {
    let entry = composers.get(key);
    if (entry) return entry.form;
    const id = `composer-${key.replace(/[^a-z0-9-]/gi, '-')}`;
    const files = [];
    const textarea = el('textarea', { id: `${id}-text`, name: 'text', rows: 1 });
    const fileInput = el('input', {
      type: 'file',
      accept: 'image/*',
      multiple: true,
      id: `${id}-files`,
      class: 'visually-hidden',
    });
    const chips = el('ul', { class: 'chips' });
    const error = el('p', { class: 'form-error', role: 'alert' });
    const sendButton = el('button', { type: 'submit', class: 'send' });
    const attachLabel = el(
      'label',
      { for: `${id}-files`, class: 'attach' },
      el('span', { 'aria-hidden': 'true' }, '📎'),
      el('span', { class: 'visually-hidden attach-text' }),
    );
    const textLabel = el('label', { for: `${id}-text`, class: 'visually-hidden text-label' });
    const form = el(
      'form',
      { class: `composer ${options.thread ? 'thread-composer' : ''}`, id, novalidate: true },
      textLabel,
      el('div', { class: 'composer-row' }, attachLabel, fileInput, textarea, sendButton),
      chips,
      error,
    );
    entry = { form, files, options };
    composers.set(key, entry);

    const renderChips = () => {
      chips.replaceChildren(
        ...files.map((file, index) =>
          el(
            'li',
            { class: 'chip' },
            el('img', { src: URL.createObjectURL(file), alt: '' }),
            el('span', { class: 'chip-name' }, file.name),
            el('button', {
              type: 'button',
              class: 'chip-remove',
              'aria-label': t('removePhoto', { name: file.name }),
              text: '×',
              onclick: () => {
                files.splice(index, 1);
                renderChips();
              },
            }),
          ),
        ),
      );
    };
    entry.renderChips = renderChips;
    entry.relabel = () => {
      textLabel.textContent = t('messageLabel');
      textarea.placeholder = t(options.placeholder);
      attachLabel.title = t('attach');
      attachLabel.querySelector('.attach-text').textContent = t('attach');
      sendButton.textContent = t('send');
      renderChips();
    };
    entry.relabel();

    fileInput.addEventListener('change', () => {
      error.textContent = '';
      for (const file of fileInput.files) {
        if (files.length >= MAX_PHOTOS) {
          error.textContent = t('tooMany');
          break;
        }
        files.push(file);
      }
      fileInput.value = '';
      renderChips();
    });
    textarea.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
    textarea.addEventListener('input', () => autosize(textarea));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const text = textarea.value.trim();
      if (!text && files.length === 0) {
        textarea.focus();
        return;
      }
      const data = new FormData();
      data.set('as', state.me);
      data.set('lang', state.lang);
      data.set('channel', channelId(options.channel));
      data.set('text', text);
      if (options.thread) data.set('threadId', String(options.thread));
      for (const file of files) data.append('photos', file, file.name);
      sendButton.disabled = true;
      sendButton.textContent = t('sending');
      error.textContent = '';
      try {
        await api('POST', 'api/messages', data);
        textarea.value = '';
        autosize(textarea);
        files.length = 0;
        renderChips();
        await refresh(options.channel);
      } catch (failure) {
        error.textContent = failure.message;
      } finally {
        sendButton.disabled = false;
        sendButton.textContent = t('send');
        textarea.focus();
      }
    });
    return form;
  }

  function autosize(textarea) {
    textarea.style.height = 'auto';
    textarea.style.height = `${Math.min(textarea.scrollHeight, 160)}px`;
  }

  // ---------------------------------------------------------------- rendering

  function renderCard(card, detailed) {
    const stepsCount = card.steps ? card.steps.length : 0;
    const byline = card.labels?.byline?.includes(card.authorName) ? card.labels.byline : t('by', { name: card.authorName });
    const stepLabel =
      card.labels && /\d/.test(card.labels.stepCount || '') ? card.labels.stepCount : t('stepCount', { n: stepsCount });
    const problemLabel = card.labels?.problem || 'Problème';
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
          ? el(
              'a',
              { class: 'gallery-link', href: card.galleryUrl },
              t('seeGallery'),
              el('span', { 'aria-hidden': 'true' }, ' →'),
            )
          : null,
      ),
    );
  }

  function renderReactions(message) {
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

  function renderMessage(message, key, replies) {
    const author = message.author;
    const editing = state.editing && state.editing.id === message.id;
    const meta = el(
      'div',
      { class: 'meta' },
      el('span', { class: 'author' }, author.name),
      author.mairie ? el('span', { class: 'mairie' }, author.mairie) : null,
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
      body = message.text && !message.card ? el('div', { class: 'text' }, richText(message.text)) : null;
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

  function renderList(key) {
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
  function renderAll(focusId) {
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

  function applyLanguage() {
    document.documentElement.lang = state.lang;
    for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
    const toggle = document.getElementById('lang-toggle');
    toggle.textContent = t('langToggle');
    toggle.lang = t('langToggleLang');
    for (const entry of composers.values()) entry.relabel();
    renderPicker();
    renderAll();
  }

  function renderPicker() {
    const picker = document.getElementById('agent-picker');
    picker.replaceChildren(
      ...state.agents.map((a) =>
        el(
          'option',
          { value: a.id, selected: a.id === state.me },
          a.mairie ? `${a.name} — ${a.mairie}` : `${a.name} — ${state.lang === 'en' ? 'no mairie yet' : 'mairie inconnue'}`,
        ),
      ),
    );
  }

  function selectTab(tab) {
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

  // ---------------------------------------------------------------- actions

  async function refresh(key) {
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
      if (incoming.length) {
        const last = incoming[incoming.length - 1];
        announce(t('newMessage', { name: last.author.name, text: (last.card ? last.card.title : last.text).slice(0, 140) }));
      }
    }
  }

  async function safely(action, errorTarget) {
    try {
      await action();
    } catch (failure) {
      if (errorTarget) errorTarget.textContent = failure.message;
      else setStatus(failure.message);
    }
  }

  function toggleReaction(message, emoji, mine) {
    return safely(async () => {
      if (mine) await api('DELETE', `api/messages/${message.id}/reactions/${encodeURIComponent(emoji)}`, { as: state.me });
      else await api('POST', `api/messages/${message.id}/reactions`, { as: state.me, emoji });
      await refresh(COMMUNITY);
      // Keep keyboard users where they were: on the chip, or on "add" when the chip is gone.
      const chip = document.getElementById(`reaction-${message.id}-${emoji}`);
      (chip || document.getElementById(`add-reaction-${message.id}`))?.focus();
    });
  }

  function press(message, button, node) {
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

  function saveEdit(message, key) {
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

  function removeMessage(message, key) {
    if (!window.confirm(t('confirmDelete'))) return;
    return safely(async () => {
      await api('DELETE', `api/messages/${message.id}`, { as: state.me });
      await refresh(key);
    });
  }

  function connect() {
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
})();
