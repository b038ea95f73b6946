/**
 * A light shape check of what adapters hand in, so a malformed event fails loudly at the edge, and
 * the one cleaning every inbound text gets before it is stored (`cleanEvent`).
 */
import { stripControlCharacters } from '../domain/control-characters.js';
import type { InboundEvent } from './ports.js';

const TYPES = new Set([
  'directMessage',
  'threadReply',
  'messageEdited',
  'messageDeleted',
  'reactionAdded',
  'reactionRemoved',
  'buttonPressed',
  'slashCommand',
  'formSubmitted',
  'memberJoined',
]);

const isRef = (ref: unknown) =>
  typeof ref === 'object' &&
  ref !== null &&
  typeof (ref as Record<string, unknown>).channelId === 'string' &&
  typeof (ref as Record<string, unknown>).messageId === 'string';

/** Returns what is wrong, or null when the event can be stored. */
export function validateEvent(event: InboundEvent): string | null {
  if (!event || typeof event !== 'object') return 'not an object';
  if (!['slack', 'teams', 'local'].includes(event.platform)) return 'unknown platform';
  if (typeof event.eventId !== 'string' || !event.eventId) return 'missing eventId';
  if (!event.user || typeof event.user.id !== 'string' || !event.user.id) return 'missing user id';
  if (!TYPES.has(event.type)) return `unknown type ${String(event.type)}`;
  if ('ref' in event && !isRef(event.ref)) return 'bad ref';
  if ('target' in event && !isRef(event.target)) return 'bad target';
  if ('parent' in event && !isRef(event.parent)) return 'bad parent';
  if ('photos' in event && !Array.isArray(event.photos)) return 'photos must be a list';
  if (event.type === 'formSubmitted' && (typeof event.form !== 'object' || !Array.isArray(event.form?.steps))) return 'bad form';
  return null;
}

/** Every string of the event without C0 control characters (tab and newline kept), at any depth. */
function cleanValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return stripControlCharacters(value);
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => cleanValue(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, cleanValue(v, depth + 1)]));
}

/**
 * The event as it is stored: texts, names, form fields and file names without control characters.
 * All inbound text (every platform, typed or in a form) passes here once, before the inbox.
 */
export function cleanEvent(event: InboundEvent): InboundEvent {
  return cleanValue(event, 0) as InboundEvent;
}
