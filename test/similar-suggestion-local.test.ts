/**
 * "Ça existe déjà ?" in the local chat, end to end over HTTP (issue 17): an agent describes a problem
 * a colleague of another mairie already solved, the bot suggests it once, the agent adopts it from
 * the suggestion, answers the feedback question, and resumes the draft with `reprendre`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootApp, type TestApp } from './support/app.js';
import { type ChatMessage, localChatClient } from './support/local-chat-client.js';
import { describeEngines } from './support/temp-db.js';

describeEngines('the suggestion while posting, in the local chat', (engine) => {
  let app: TestApp;
  const chat = localChatClient(() => app);
  const SUGGESTION = 'Ça ressemble à ce que d’autres ont déjà bricolé';

  beforeAll(async () => {
    app = await bootApp({ SEED_DEMO: 'true', LOCAL_CHAT: 'true' }, undefined, engine);
  });
  afterAll(async () => app?.close());

  const fromBot = async (as: string): Promise<ChatMessage[]> =>
    (await chat.messages(as, `dm:${as}`)).filter((m) => m.author.id === 'bot');
  /** The bot's messages since the agent's last one. */
  async function answers(as: string, since: number): Promise<ChatMessage[]> {
    return (await fromBot(as)).filter((m) => m.id > since);
  }
  const lastId = async (as: string) => (await chat.messages(as, `dm:${as}`)).at(-1)?.id ?? 0;

  async function ticketId(): Promise<number> {
    const list = (await (await fetch(`${app.url}/recherche.json?q=ticket+color%C3%A9+cartes`)).json()) as {
      items: { id: number; title: string }[];
    };
    const ticket = list.items.find((i) => i.title === "Ticket coloré pour la file d'attente des cartes d'identité");
    expect(ticket).toBeDefined();
    return ticket!.id;
  }

  describe('the suggestion while posting, in the local chat', () => {
    it('suggests the bricolage of another mairie once, adopts it with feedback, and the draft resumes with reprendre', async () => {
      const ticket = await ticketId();
      await chat.say('sophie', 'nouveau');
      await chat.say('sophie', 'Tickets de couleur selon la démarche');
      const before = await lastId('sophie');
      await chat.say(
        'sophie',
        'Le samedi matin, les gens venus pour une carte d’identité ou un passeport faisaient la même file que ceux de l’état civil et attendaient pour rien.',
      );
      const after = await answers('sophie', before);
      // One suggestion, then the steps question as always (the suggestion adds no required message).
      expect(after.map((m) => m.text.split('\n')[0])).toEqual([`${SUGGESTION} 👀`, expect.stringContaining('3/5')]);
      const suggestion = after[0];
      expect(suggestion.text).toContain(
        `n°${ticket} *Ticket coloré pour la file d'attente des cartes d'identité* — Mairie du 11e`,
      );
      expect(suggestion.text).toContain(`/bricolages/${ticket}`);
      expect(suggestion.text).toMatch(/\d+ j’aime · \d+ adoptions?/);
      expect(suggestion.buttons.map((b) => b.label)).toContain(`Je l’adopte (n°${ticket})`);
      expect(suggestion.buttons.at(-1)?.label).toBe('Continuer mon bricolage');
      expect(suggestion.buttons.length).toBeLessThanOrEqual(4);

      // Typing the first step goes on as before; the suggestion keeps waiting for its buttons.
      const step = await lastId('sophie');
      await chat.say('sophie', 'Imprimer des tickets bleus et verts sur du bristol.');
      expect((await answers('sophie', step))[0]?.text).toMatch(/^Étape 1 enregistrée/);

      // Je l'adopte: the adoption is recorded and its optional feedback asked; the draft stays saved.
      const pressed = await lastId('sophie');
      await chat.press('sophie', suggestion, { label: `Je l’adopte (n°${ticket})` });
      expect((await answers('sophie', pressed)).map((m) => m.text)).toEqual([
        expect.stringContaining('Ticket coloré pour la file d'),
      ]);
      const feedback = await lastId('sophie');
      await chat.say('sophie', 'Mis en place au 5e : plus de file unique le samedi, les usagers comprennent tout de suite.');
      // Then the optional time-saved question (issue 20); once skipped, the draft is pointed to.
      expect((await answers('sophie', feedback)).map((m) => m.text).at(-1)).toMatch(/^Dernière question, facultative/);
      const skipped = await lastId('sophie');
      await chat.say('sophie', 'passer');
      expect((await answers('sophie', skipped)).map((m) => m.text).at(-1)).toBe(
        'Votre bricolage « Tickets de couleur selon la démarche » vous attend : tapez *reprendre* pour le continuer.',
      );
      const page = (await (await fetch(`${app.url}/bricolages/${ticket}.json`)).json()) as {
        adoptions: { mairie: string; feedback: string | null }[];
      };
      expect(page.adoptions).toContainEqual(
        expect.objectContaining({ mairie: 'paris-5', feedback: expect.stringContaining('plus de file unique') }),
      );

      // reprendre: back to the steps, the first one kept; the draft is published as usual.
      const resumed = await lastId('sophie');
      await chat.say('sophie', 'reprendre');
      expect((await answers('sophie', resumed)).map((m) => m.text).join('\n')).toContain(
        'Reprenons les étapes : vous en avez 1.',
      );
      await chat.say('sophie', 'Coller la couleur au-dessus de chaque guichet.');
      await chat.say('sophie', 'terminé');
      await chat.say('sophie', '1');
      await chat.say('sophie', 'publier');
      const published = (await fromBot('sophie')).at(-1)!.text;
      const id = Number(/\/bricolages\/(\d+)/.exec(published)?.[1]);
      const mine = (await (await fetch(`${app.url}/bricolages/${id}.json`)).json()) as { title: string; steps: unknown[] };
      expect(mine).toMatchObject({ title: 'Tickets de couleur selon la démarche' });
      expect(mine.steps).toHaveLength(2);
      // Shown once per draft: nothing more was suggested along the way.
      expect((await fromBot('sophie')).filter((m) => m.text.startsWith(SUGGESTION))).toHaveLength(1);
    });

    it('says nothing when no bricolage is close enough, and Continuer mon bricolage closes the suggestion', async () => {
      await chat.say('aicha', 'nouveau');
      await chat.say('aicha', 'Musique douce dans la salle d’attente');
      await chat.say('aicha', 'L’ambiance était tendue ; une playlist calme diffusée à faible volume a apaisé les échanges.');
      expect((await fromBot('aicha')).some((m) => m.text.startsWith(SUGGESTION))).toBe(false);

      await chat.say('lucie', 'nouveau');
      await chat.say('lucie', 'Tampon avec la date sur le courrier qui arrive');
      await chat.say(
        'lucie',
        'Le courrier se perdait entre les bannettes et on ne savait pas depuis quand une lettre attendait sa réponse.',
      );
      const suggestion = (await fromBot('lucie')).find((m) => m.text.startsWith(SUGGESTION));
      expect(suggestion).toBeDefined();
      const pressed = await lastId('lucie');
      await chat.press('lucie', suggestion!, { label: 'Continuer mon bricolage' });
      expect((await answers('lucie', pressed)).map((m) => m.text)).toEqual([
        'C’est noté, on continue votre bricolage là où vous en étiez.',
      ]);
      // Its buttons, pressed again, say it is over.
      await chat.press('lucie', suggestion!, { label: 'Continuer mon bricolage' });
      expect((await fromBot('lucie')).at(-1)?.text).toBe(
        'Cette suggestion n’est plus en cours. Pour adopter un bricolage, tapez *adopté <n°>*.',
      );
    });
  });
});
