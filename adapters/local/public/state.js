/* The page's one mutable state, shared by every module, and the channel keys. */

export const DM = 'dm';
export const COMMUNITY = 'communaute';
export const MAX_PHOTOS = 10;

export const state = {
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
export const composers = new Map();

export function channelId(key) {
  return key === DM ? `dm:${state.me}` : COMMUNITY;
}

export function keyOf(channel) {
  return channel === COMMUNITY ? COMMUNITY : DM;
}
