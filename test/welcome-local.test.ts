/**
 * The welcome through the local chat on the real server: opening the chat as an agent for the first
 * time brings one direct message (what the bot does, the most adopted bricolages with the agent's
 * own mairie first, two buttons), never a second one, not even after a restart; "Partager un
 * bricolage" starts the posting conversation; the animateur's dashboard counts the newcomers.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { bootApp, type TestApp } from './support/app.js';
import { localChatClient } from './support/local-chat-client.js';
import { describeEngines, tempDir } from './support/temp-db.js';

describeEngines('welcome in the local chat', (engine) => {
  let app: TestApp | undefined;
  const chat = localChatClient(() => app);
  const data = tempDir();

  afterEach(async () => {
    await app?.stop();
    app = undefined;
  });

  type Message = { id: number; text: string; buttons: { actionId: string; value: string; label: string; url?: string }[] };
  const botMessages = async (as: string) =>
    (await chat.messages<Message & { author: { id: string } }>(as, `dm:${as}`)).filter((m) => m.author.id !== as);

  describe('welcome in the local chat', () => {
    it('is sent once when an agent first opens the chat, survives a restart without repeating, and its button starts posting', async () => {
      app = await bootApp({ SEED_DEMO: 'true' }, data.dir, engine);
      await chat.open('aicha');
      const [welcome, ...rest] = await botMessages('aicha');
      expect(rest).toEqual([]);
      expect(welcome.text).toContain('Bienvenue Aïcha Diallo !');
      expect(welcome.text).toContain('Les plus adoptés en ce moment :');
      // Three bricolages, each with its adoptions, most adopted first.
      const lines = welcome.text.split('\n').filter((l) => l.startsWith('• n°'));
      expect(lines).toHaveLength(3);
      const counts = lines.map((l) => Number(/— (\d+) adoptions? —/.exec(l)?.[1]));
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
      expect(welcome.buttons.map((b) => b.label)).toEqual(['Partager un bricolage', 'Voir la galerie']);
      expect(welcome.buttons[1].url).toBe(`${app.config.publicUrl}/`);

      await chat.open('aicha');
      await app.stop();
      app = await bootApp({ SEED_DEMO: 'true' }, data.dir, engine);
      await chat.open('aicha');
      expect(await botMessages('aicha')).toHaveLength(1);

      await chat.press('aicha', welcome, { label: 'Partager un bricolage' });
      const after = await botMessages('aicha');
      expect(after.at(-1)!.text).toContain('titre');

      // The animateur's dashboard counts this month's newcomers per mairie.
      await chat.open('julien');
      await chat.say('julien', 'tableau de bord');
      const dashboard = (await botMessages('julien')).at(-1)!.text;
      expect(dashboard).toContain('Nouveaux agents accueillis ce mois-ci : 2');
      expect(dashboard).toContain('Mairie du 20e (1)');
      data.remove();
    });
  });
});
