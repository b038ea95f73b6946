import { describe, expect, it } from 'vitest';
import { buttonEvent, deleteEvent, editEvent, messageEvent, reactionEvent } from './inbound.js';
import type { LocalMessage } from './store.js';

const camille = { id: 'camille', name: 'Camille Martin' };
const stamp = { at: '2026-11-23T10:00:00.000Z', nonce: 'abc1' };

function message(overrides: Partial<LocalMessage> = {}): LocalMessage {
  return {
    id: 12,
    channelId: 'dm:camille',
    threadId: null,
    authorId: 'camille',
    text: 'nouveau',
    extra: {},
    createdAt: '2026-11-23T09:59:00.000Z',
    editedAt: null,
    deletedAt: null,
    ...overrides,
  };
}

describe('local inbound mapping', () => {
  it('turns a message in my DM into a directMessage with downloadable photos', () => {
    const event = messageEvent(
      message({ extra: { photos: [{ id: 'a'.repeat(32), name: 'poste.png', type: 'image/png', size: 1234 }] } }),
      camille,
    );
    expect(event).toEqual({
      platform: 'local',
      eventId: 'local-msg-12',
      user: camille,
      at: '2026-11-23T09:59:00.000Z',
      type: 'directMessage',
      ref: { platform: 'local', channelId: 'dm:camille', messageId: '12' },
      text: 'nouveau',
      photos: [
        { id: 'a'.repeat(32), name: 'poste.png', declaredType: 'image/png', size: 1234, url: `local-upload:${'a'.repeat(32)}` },
      ],
    });
  });

  it('turns a community thread reply into a threadReply pointing at the root', () => {
    const event = messageEvent(message({ id: 30, channelId: 'communaute', threadId: 7, text: 'Bravo !' }), camille);
    expect(event).toMatchObject({
      type: 'threadReply',
      eventId: 'local-msg-30',
      ref: { platform: 'local', channelId: 'communaute', messageId: '30', threadId: '7' },
      parent: { platform: 'local', channelId: 'communaute', messageId: '7' },
      text: 'Bravo !',
      photos: [],
    });
  });

  it('keeps a plain top-level community message away from the bot', () => {
    expect(messageEvent(message({ channelId: 'communaute' }), camille)).toBeNull();
    expect(editEvent(message({ channelId: 'communaute' }), camille, stamp)).toBeNull();
    expect(deleteEvent(message({ channelId: 'communaute' }), camille, stamp)).toBeNull();
  });

  it('maps edits and deletions with ids unique per action', () => {
    const edit = editEvent(message({ text: 'nouveau !' }), camille, stamp);
    expect(edit).toMatchObject({ type: 'messageEdited', eventId: 'local-edit-12-abc1', text: 'nouveau !', at: stamp.at });
    const again = editEvent(message({ text: 'encore' }), camille, { ...stamp, nonce: 'abc2' });
    expect(again?.eventId).not.toBe(edit?.eventId);
    expect(deleteEvent(message({ channelId: 'communaute', threadId: 4, id: 5 }), camille, stamp)).toMatchObject({
      type: 'messageDeleted',
      ref: { channelId: 'communaute', messageId: '5', threadId: '4' },
    });
  });

  it('maps reactions on a card to the card ref, added and removed distinctly', () => {
    const card = message({ id: 40, channelId: 'communaute', authorId: 'bot' });
    const added = reactionEvent('added', card, camille, '👍', stamp);
    const removed = reactionEvent('removed', card, camille, '👍', { ...stamp, nonce: 'x' });
    expect(added).toMatchObject({
      type: 'reactionAdded',
      emoji: '👍',
      target: { platform: 'local', channelId: 'communaute', messageId: '40' },
    });
    expect(removed.type).toBe('reactionRemoved');
    expect(new Set([added.eventId, removed.eventId]).size).toBe(2);
  });

  it('maps a button click to the message that carried the button', () => {
    const preview = message({ id: 41, authorId: 'bot' });
    expect(buttonEvent(preview, camille, { actionId: 'wizard.publish', value: 'publish' }, stamp)).toMatchObject({
      type: 'buttonPressed',
      eventId: 'local-button-41-abc1',
      ref: { platform: 'local', channelId: 'dm:camille', messageId: '41' },
      actionId: 'wizard.publish',
      value: 'publish',
    });
  });
});
