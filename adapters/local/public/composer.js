/* Message composers (text + photos) for the DM, the channel and each thread; they survive re-renders. */
import { refresh } from './actions.js';
import { api } from './api.js';
import { el } from './dom.js';
import { t } from './i18n.js';
import { channelId, composers, MAX_PHOTOS, state } from './state.js';

export function composer(key, options) {
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

export function autosize(textarea) {
  textarea.style.height = 'auto';
  textarea.style.height = `${Math.min(textarea.scrollHeight, 160)}px`;
}
