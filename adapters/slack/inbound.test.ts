import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  fromBlockActions,
  fromEventEnvelope,
  fromSlackText,
  fromSlashCommand,
  fromViewSubmission,
  LINK_ACTION_PREFIX,
} from './inbound.js';

function fixture<T = any>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../../test/fixtures/slack', `${name}.json`), 'utf8'));
}

const ctx = { botUserId: 'U0BOT0001', botId: 'B0BOT0001' };

describe('Slack inbound translation', () => {
  it('turns a DM with photos into a directMessage carrying downloadable photos (tombstones dropped)', () => {
    const ev = fromEventEnvelope(fixture('message-im-files'), ctx);
    expect(ev).toMatchObject({
      platform: 'slack',
      eventId: 'Ev0IMFILES1',
      type: 'directMessage',
      user: { id: 'U0MARIE01' },
      ref: { platform: 'slack', channelId: 'D0BOTMARIE', messageId: '1764000000.000200' },
      text: 'Première étape : on imprime le ticket',
    });
    if (ev?.type !== 'directMessage') throw new Error('wrong type');
    expect(ev.photos).toEqual([
      {
        id: 'F0PHOTO01',
        name: 'ticket.jpg',
        declaredType: 'image/jpeg',
        size: 48213,
        url: 'https://files.slack.com/files-pri/T0PARIS01-F0PHOTO01/download/ticket.jpg',
      },
      {
        id: 'F0PHOTO02',
        name: 'ecran.png',
        declaredType: 'image/png',
        size: 91022,
        url: 'https://files.slack.com/files-pri/T0PARIS01-F0PHOTO02/download/ecran.png',
      },
    ]);
    expect(ev.at).toBe(new Date(1764000000000).toISOString());
  });

  it('turns a reply in a thread of the channel into a threadReply on the parent post', () => {
    const ev = fromEventEnvelope(fixture('thread-reply'), ctx);
    expect(ev).toEqual({
      platform: 'slack',
      eventId: 'Ev0THREAD01',
      user: { id: 'U0PAUL002' },
      at: new Date(1764000100000).toISOString(),
      type: 'threadReply',
      ref: { platform: 'slack', channelId: 'C0COMMUNE1', messageId: '1764000100.000300', threadId: '1764000050.000100' },
      parent: { platform: 'slack', channelId: 'C0COMMUNE1', messageId: '1764000050.000100' },
      text: "Super idée, on l'essaie au 11e !",
      photos: [],
    });
  });

  it('ignores top-level channel chatter and the bot’s own messages', () => {
    const reply = fixture('thread-reply');
    delete reply.event.thread_ts;
    expect(fromEventEnvelope(reply, ctx)).toBeNull();
    const own = fixture('thread-reply');
    own.event.user = 'U0BOT0001';
    expect(fromEventEnvelope(own, ctx)).toBeNull();
    const botMsg = fixture('message-im-files');
    botMsg.event.bot_id = 'B0BOT0001';
    expect(fromEventEnvelope(botMsg, ctx)).toBeNull();
    const joined = fixture('thread-reply');
    joined.event.subtype = 'channel_join';
    expect(fromEventEnvelope(joined, ctx)).toBeNull();
    // Another app's message in the thread is no colleague's comment either.
    const otherApp = fixture('thread-reply');
    otherApp.event.bot_id = 'B0OTHERAPP';
    expect(fromEventEnvelope(otherApp, ctx)).toBeNull();
  });

  it('turns Slack’s markup back into what the agent typed', () => {
    expect(fromSlackText('Tri &lt; 5 min &amp; file &gt; 3')).toBe('Tri < 5 min & file > 3');
    expect(fromSlackText('Voir <https://intranet.paris.fr/x|l’intranet> &amp; co')).toBe(
      'Voir l’intranet (https://intranet.paris.fr/x) & co',
    );
    expect(fromSlackText('<https://paris.fr>')).toBe('https://paris.fr');
    expect(fromSlackText('Merci <@U0PAUL002> et <#C0COMMUNE1|communaute> <!here>')).toBe('Merci @U0PAUL002 et #communaute @here');
    expect(fromSlackText('&amp;lt;b&amp;gt;')).toBe('&lt;b&gt;');
    const reply = fixture('thread-reply');
    reply.event.text = 'Adopté &amp; testé au 5e';
    expect(fromEventEnvelope(reply, ctx)).toMatchObject({ type: 'threadReply', text: 'Adopté & testé au 5e' });
  });

  it('mirrors an edit with the new text, but not the message_changed Slack sends for a new reply', () => {
    const ev = fromEventEnvelope(fixture('message-changed'), ctx);
    expect(ev).toMatchObject({
      type: 'messageEdited',
      eventId: 'Ev0CHANGED1',
      user: { id: 'U0PAUL002' },
      ref: { channelId: 'C0COMMUNE1', messageId: '1764000100.000300', threadId: '1764000050.000100' },
      text: "Super idée, on l'a mis en place au 11e !",
    });
    const noChange = fixture('message-changed');
    noChange.event.previous_message.text = noChange.event.message.text;
    expect(fromEventEnvelope(noChange, ctx)).toBeNull();
  });

  it('mirrors a deletion, keeping who wrote the deleted message', () => {
    expect(fromEventEnvelope(fixture('message-deleted'), ctx)).toMatchObject({
      type: 'messageDeleted',
      eventId: 'Ev0DELETED1',
      user: { id: 'U0LEA0003' },
      ref: { channelId: 'C0COMMUNE1', messageId: '1764000150.000500', threadId: '1764000050.000100' },
    });
    const post = fixture('message-deleted');
    post.event.previous_message = { type: 'message', bot_id: 'B0BOT0001', ts: '1764000050.000100', text: 'card' };
    post.event.deleted_ts = '1764000050.000100';
    expect(fromEventEnvelope(post, ctx)).toMatchObject({
      type: 'messageDeleted',
      ref: { channelId: 'C0COMMUNE1', messageId: '1764000050.000100' },
    });
  });

  it('turns reactions on a message into reactionAdded / reactionRemoved on that message', () => {
    expect(fromEventEnvelope(fixture('reaction-added'), ctx)).toEqual({
      platform: 'slack',
      eventId: 'Ev0REACTADD',
      user: { id: 'U0PAUL002' },
      at: new Date(1764000400000).toISOString(),
      type: 'reactionAdded',
      target: { platform: 'slack', channelId: 'C0COMMUNE1', messageId: '1764000050.000100' },
      emoji: 'heart_eyes',
    });
    expect(fromEventEnvelope(fixture('reaction-removed'), ctx)).toMatchObject({
      type: 'reactionRemoved',
      eventId: 'Ev0REACTDEL',
      emoji: 'heart_eyes',
    });
    const onFile = fixture('reaction-added');
    onFile.event.item = { type: 'file', file: 'F1' };
    expect(fromEventEnvelope(onFile, ctx)).toBeNull();
  });

  it('returns null for unknown event types and non-callback envelopes', () => {
    const unknown = fixture('reaction-added');
    unknown.event = { type: 'app_home_opened', user: 'U0PAUL002' };
    expect(fromEventEnvelope(unknown, ctx)).toBeNull();
    expect(fromEventEnvelope({ type: 'url_verification' } as any, ctx)).toBeNull();
  });

  it('turns a button click into buttonPressed with a stable derived event id', () => {
    const body = fixture('block-actions');
    const events = fromBlockActions(body);
    expect(events).toEqual([
      {
        platform: 'slack',
        eventId: 'action:1764000600.222222:U0PAUL002:adopt',
        user: { id: 'U0PAUL002', name: 'paul.martin' },
        at: new Date(1764000600222).toISOString(),
        type: 'buttonPressed',
        ref: { platform: 'slack', channelId: 'C0COMMUNE1', messageId: '1764000050.000100' },
        actionId: 'adopt',
        value: '42',
      },
    ]);
    expect(fromBlockActions(body)[0].eventId).toBe(events[0].eventId);
    body.actions[0].action_id = 'adopt~3';
    expect(fromBlockActions(body)[0]).toMatchObject({ actionId: 'adopt', value: '42' });
    body.actions[0].action_id = `${LINK_ACTION_PREFIX}gallery`;
    expect(fromBlockActions(body)).toEqual([]);
  });

  it('turns /bricolage into a slashCommand with trimmed text', () => {
    expect(fromSlashCommand(fixture('slash-command'), new Date('2026-01-01T00:00:00Z'))).toEqual({
      platform: 'slack',
      eventId: 'command:1764000700.3333.fedcba',
      user: { id: 'U0MARIE01', name: 'marie.dupont' },
      at: '2026-01-01T00:00:00.000Z',
      type: 'slashCommand',
      text: 'chercher  ticket file',
      channelId: 'D0BOTMARIE',
    });
  });

  it('turns the form modal submission into formSubmitted carrying the fields and photos', () => {
    const ev = fromViewSubmission(fixture('view-submission'), 'D0BOTMARIE');
    if (ev?.type !== 'formSubmitted') throw new Error('wrong type');
    expect(ev.eventId).toBe('view:V0FORM0001:1764000800.4444.a1b2c3');
    expect(ev.ref.channelId).toBe('D0BOTMARIE');
    expect({ ...ev.form, photos: ev.photos }).toEqual({
      title: 'Le ticket coloré',
      problem: "La file d'attente se mélange",
      steps: ['Imprimer les tickets', 'Les ranger par couleur'],
      category: "Accueil et files d'attente",
      photos: [
        {
          id: 'F0FORM0001',
          name: 'ticket.jpg',
          declaredType: 'image/jpeg',
          size: 1234,
          url: 'https://files.slack.com/files-pri/T0PARIS01-F0FORM0001/download/ticket.jpg',
        },
      ],
    });
  });

  it('turns joining the community channel into memberJoined, and ignores other channels and the bot itself', () => {
    const body = fixture('member-joined-channel');
    const withChannel = { ...ctx, communityChannelId: 'C0COMMUNE1' };
    expect(fromEventEnvelope(body, withChannel)).toEqual({
      platform: 'slack',
      eventId: 'Ev0JOINED01',
      user: { id: 'U0NOUVEAU1' },
      at: '2025-11-29T10:00:00.000Z',
      type: 'memberJoined',
    });
    expect(fromEventEnvelope(body, { ...withChannel, communityChannelId: 'C0OTHER' })).toBeNull();
    expect(fromEventEnvelope({ ...body, event: { ...body.event, user: 'U0BOT0001' } }, withChannel)).toBeNull();
  });
});
