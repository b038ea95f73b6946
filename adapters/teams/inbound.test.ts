/** The pure activity → InboundEvent translation, on activities saved as Microsoft documents them. */
import { describe, expect, it } from 'vitest';
import { MalformedPayloadError } from '../../bot/errors.js';
import { activity } from '../../test/support/teams-activity.js';
import { fromActivity, hostedImagesOf, type TeamsActivity } from './inbound.js';

const CHANNEL = '19:7c1d2e3f4a5b6c7d8e9f@thread.tacv2';
const ROOT = '1732871800000';
const MARIE_AAD = '6b4f2a1e-0000-4000-8000-00000000a001';
const PAUL_AAD = '6b4f2a1e-0000-4000-8000-00000000b002';
const from = (name: Parameters<typeof activity>[0], overrides = {}) => fromActivity(activity(name, overrides) as TeamsActivity);

describe('Teams inbound translation', () => {
  it('turns a personal chat message into a direct message from the agent, named by the activity', () => {
    expect(from('personal-message')).toEqual([
      {
        platform: 'teams',
        eventId: 'message:a:1mZ8xPqR-personal-marie:1732871234567',
        user: { id: MARIE_AAD, name: 'Marie Dupont', locale: 'fr' },
        at: '2026-11-29T09:20:34.567Z',
        type: 'directMessage',
        ref: { platform: 'teams', channelId: 'a:1mZ8xPqR-personal-marie', messageId: '1732871234567' },
        text: 'nouveau',
        photos: [],
      },
    ]);
  });

  it('keeps pasted images (connector contentUrl) and uploaded files (downloadUrl) as photos, not the HTML copy', () => {
    const [inline] = from('personal-message-inline-image');
    expect(inline).toMatchObject({ type: 'directMessage', text: 'Imprimer des tickets de couleur' });
    expect(inline.type === 'directMessage' && inline.photos).toEqual([
      {
        id: 'inline:https://smba.trafficmanager.net/emea/v3/attachments/0-weu-d1-5d8f/views/original',
        name: 'image',
        declaredType: undefined,
        url: 'https://smba.trafficmanager.net/emea/v3/attachments/0-weu-d1-5d8f/views/original',
      },
    ]);
    const [file] = from('personal-message-file');
    expect(file.type === 'directMessage' && file.photos).toEqual([
      {
        id: 'file:4f3c2b1a-1111-2222-3333-444455556666',
        name: 'ecran.png',
        declaredType: 'image/png',
        url: expect.stringContaining('download.aspx?UniqueId=4f3c2b1a'),
      },
    ]);
  });

  it('reads Action.Submit data as a button press on the card', () => {
    expect(from('card-submit')).toMatchObject([
      {
        type: 'buttonPressed',
        actionId: 'category',
        value: "Accueil et files d'attente",
        ref: { channelId: 'a:1mZ8xPqR-personal-marie', messageId: '1732871290000' },
      },
    ]);
    expect(from('channel-card-submit')).toMatchObject([
      { type: 'buttonPressed', actionId: 'adopt', value: '12', ref: { channelId: CHANNEL, messageId: ROOT } },
    ]);
    // Someone else's card data is not a button of ours.
    expect(from('personal-message', { value: { foo: 1 }, text: '' })).toMatchObject([{ type: 'directMessage', text: '' }]);
  });

  it('turns reactions on the card into likes, any reaction type, one event per reaction', () => {
    const target = { platform: 'teams', channelId: CHANNEL, messageId: ROOT };
    expect(from('reaction-added')).toMatchObject([{ type: 'reactionAdded', emoji: 'like', target, user: { id: PAUL_AAD } }]);
    expect(from('reaction-removed')).toMatchObject([{ type: 'reactionRemoved', emoji: 'like', target }]);
    const two = from('reaction-added', { reactionsAdded: [{ type: 'heart' }, { type: '1f600_grinningface' }] });
    expect(two.map((e) => e.type === 'reactionAdded' && e.emoji)).toEqual(['heart', '1f600_grinningface']);
    expect(new Set(two.map((e) => e.eventId)).size).toBe(2);
    // A redelivery carries the same activity id, hence the same event ids.
    expect(from('reaction-added').map((e) => e.eventId)).toEqual(from('reaction-added').map((e) => e.eventId));
  });

  it('turns a reply in the card’s channel thread into a comment, without the @mention', () => {
    expect(from('channel-reply')).toMatchObject([
      {
        type: 'threadReply',
        text: 'On l’essaie au 18e !',
        ref: { channelId: CHANNEL, messageId: '1732872000020', threadId: ROOT },
        parent: { channelId: CHANNEL, messageId: ROOT },
        user: { id: PAUL_AAD, name: 'Paul Martin' },
      },
    ]);
    expect(from('channel-top-level')).toEqual([]);
  });

  it('mirrors edits and soft deletes; two edits are two events', () => {
    const [edit] = from('message-edit');
    expect(edit).toMatchObject({ type: 'messageEdited', text: 'On l’a adopté au 18e !', ref: { messageId: '1732872000020' } });
    const [again] = from('message-edit', { timestamp: '2026-11-29T09:46:00.000Z', text: 'encore' });
    expect(again.eventId).not.toBe(edit.eventId);
    expect(from('message-soft-delete')).toMatchObject([
      { type: 'messageDeleted', ref: { channelId: CHANNEL, messageId: '1732872000020', threadId: ROOT } },
    ]);
    expect(from('message-edit', { channelData: { eventType: 'undeleteMessage' } })).toEqual([]);
  });

  it('ignores what is not for the product and refuses what is not an activity', () => {
    expect(from('conversation-update')).toEqual([]);
    expect(from('personal-message', { type: 'somethingNew' })).toEqual([]);
    expect(from('personal-message', { from: { role: 'bot' } })).toEqual([]);
    expect(() => fromActivity([] as never)).toThrow(MalformedPayloadError);
    expect(() => from('personal-message', { type: null })).toThrow(MalformedPayloadError);
    expect(() => from('personal-message', { from: null })).toThrow(MalformedPayloadError);
    expect(() => from('reaction-added', { replyToId: null })).toThrow(MalformedPayloadError);
  });

  it('reads images pasted in a reply back from Graph’s HTML body, on the Graph host only', () => {
    const graph = 'https://graph.microsoft.com';
    const src = `${graph}/v1.0/teams/t/channels/c/messages/1/replies/2/hostedContents/aGM=/$value`;
    const html = `<p>Photo :</p><img src="${src}" alt="image"><img src="https://evil.example/hostedContents/x/$value">`;
    expect(hostedImagesOf(html, graph)).toEqual([{ id: `graph:${src}`, name: 'image', url: src }]);
  });

  it('turns the people added to a conversation into memberJoined, never the bot itself nor other bots', () => {
    expect(from('conversation-update-members')).toEqual([
      {
        platform: 'teams',
        eventId: 'joined:19:7c1d2e3f4a5b6c7d8e9f@thread.tacv2:29:1a2b3c-julie',
        user: { id: '6b4f2a1e-0000-4000-8000-00000000b003', name: 'Julie Petit' },
        at: '2026-11-30T08:15:00.000Z',
        type: 'memberJoined',
      },
    ]);
  });
});
