/**
 * Workshops and draft reminders through the local chat over HTTP, with the whole app: what a
 * person playing the demo agents sees in their DM and in `#communaute`, buttons pressed as on the page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventHub } from '../adapters/local/hub.js';
import { createLocalPort } from '../adapters/local/outbound.js';
import { sendReminders } from '../bot/reminders.js';
import { createLogger } from '../log.js';
import { bootApp, type TestApp } from './support/app.js';
import { localChatClient } from './support/local-chat-client.js';
import { postgresNotYet } from './support/temp-db.js';

postgresNotYet(
  'animation through the local chat',
  'its workshop and reminder run fails on PostgreSQL since the pending-question merge (under investigation)',
);

let app: TestApp;
const env = { ANIMATORS: 'local:julien' };

interface ChatMessage {
  id: number;
  author: { id: string };
  text: string;
  buttons: { actionId: string; value: string; label: string }[];
}

const chat = localChatClient(() => app);
const { say } = chat;

const messages = (as: string, channel: string) => chat.messages<ChatMessage>(as, channel);

async function botSaid(as: string): Promise<ChatMessage[]> {
  return (await messages(as, `dm:${as}`)).filter((m) => m.author.id === 'bot');
}

const press = (as: string, message: ChatMessage, label: string) => chat.press(as, message, { label });

beforeAll(async () => {
  app = await bootApp(env);
});
afterAll(async () => {
  await app?.close();
});

describe('local chat: workshops and reminders', () => {
  it('an animateur opens a workshop, an agent joins it after posting, the animateur closes it', async () => {
    await say('karim', 'atelier ouvrir Mon atelier');
    expect((await botSaid('karim')).at(-1)?.text).toContain('seuls les animateurs');

    await say('julien', 'atelier ouvrir Files du samedi');
    await say('julien', 'La file des cartes d’identité déborde chaque samedi.');
    const channel = await messages('camille', 'communaute');
    expect(channel.at(-1)?.text).toContain('*Nouvel atelier de débogage : Files du samedi*');

    for (const text of ['nouveau', 'Tickets de couleur', 'La file déborde', 'Imprimer des tickets', 'terminé', '1', 'publier']) {
      await say('camille', text);
    }
    const offer = (await botSaid('camille')).at(-1)!;
    expect(offer.text).toContain('Un atelier de débogage est en cours');
    await press('camille', offer, 'Files du samedi');
    expect((await botSaid('camille')).at(-1)?.text).toContain('fait maintenant partie de l’atelier « Files du samedi »');

    await say('camille', 'ateliers');
    expect((await botSaid('camille')).at(-1)?.text).toContain('*Files du samedi* — 1 bricolage');

    await say('julien', 'atelier fermer 1 Les tickets de couleur ont tout réglé.');
    const closing = (await messages('karim', 'communaute')).at(-1)!.text;
    expect(closing).toContain('*Atelier terminé : Files du samedi*');
    expect(closing).toContain('Tickets de couleur');
  });

  it('a draft left for 3 days gets one reminder whose "Reprendre" button resumes it', async () => {
    for (const text of ['nouveau', 'Étiquettes du présentoir', 'Les flyers se mélangent']) await say('sophie', text);
    // The reminders job as the scheduler runs it, 3 days later, through a local port on the same tables.
    const port = createLocalPort({ db: app.db, config: app.config, hub: createEventHub(), uploadsDir: `${app.dataDir}/uploads` });
    const later = new Date(Date.now() + 3 * 24 * 3600 * 1000 + 60_000);
    const job = { db: app.db, config: app.config, log: createLogger('reminders', true), ports: () => [port] };
    expect(await sendReminders(job, later)).toBe(1);

    const reminder = (await botSaid('sophie')).at(-1)!;
    expect(reminder.text).toContain('Votre brouillon « Étiquettes du présentoir » (pas encore d’étape)');
    await press('sophie', reminder, 'Reprendre');
    const after = (await botSaid('sophie')).map((m) => m.text);
    expect(after.at(-2)).toBe('On reprend « Étiquettes du présentoir » là où vous en étiez.');
    expect(after.at(-1)).toContain('3/5');

    expect(await sendReminders(job, new Date(later.getTime() + 7 * 24 * 3600 * 1000))).toBe(0);
    const reminders = (await botSaid('sophie')).filter((m) => m.text.includes('vous attend depuis quelques jours'));
    expect(reminders).toHaveLength(1);
  });
});
