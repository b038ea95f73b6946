/**
 * Ateliers de débogage through the bot core: an animateur opens one (title, then description) and
 * it is announced; agents link bricolages with `atelier <n°>` or the choice offered after
 * publishing; the animateur closes it with a summary, announced with its results. Refusals too.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderBlocks } from '../adapters/slack/outbound.js';
import { countWorkshopContributions, getWorkshop, listWorkshops, workshopBricolages } from '../storage/workshops.js';
import { BotHarness } from './support/bot-harness.js';
import { describeEngines } from './support/temp-db.js';

describeEngines('workshops through the bot', (engine) => {
  let h: BotHarness;
  beforeEach(async () => {
    h = await new BotHarness({ ANIMATORS: 'local:julien' }, engine).boot();
  });
  afterEach(async () => {
    await h.close();
  });

  async function openOne(title = 'Files du samedi', description = 'La file déborde chaque samedi matin.'): Promise<number> {
    await h.dm('julien', `atelier ouvrir ${title}`);
    await h.dm('julien', description);
    const [open] = await listWorkshops(h.db, 'open', { limit: 1 });
    return open.id;
  }

  describe('workshops', () => {
    it('an animateur opens one: asked for a description, then it is announced in the community channel', async () => {
      await h.dm('julien', 'atelier ouvrir Files du samedi');
      expect(h.last('julien').text).toContain('décrivez en un message');
      expect(await listWorkshops(h.db, 'open')).toEqual([]);

      await h.dm('julien', 'La file déborde chaque samedi matin.');
      const [workshop] = await listWorkshops(h.db, 'open');
      expect(workshop).toMatchObject({ title: 'Files du samedi', description: 'La file déborde chaque samedi matin.' });
      expect(h.last('julien').text).toContain(`Atelier n°${workshop.id} « Files du samedi » ouvert`);
      const post = h.port.community().at(-1)!;
      expect(post.message.text).toContain('*Nouvel atelier de débogage : Files du samedi*');
      expect(post.message.text).toContain('La file déborde chaque samedi matin.');
      expect((await getWorkshop(h.db, workshop.id))?.chat_message_id).toBe(post.ref.messageId);

      await h.dm('karim', 'ateliers');
      expect(h.last('karim').text).toBe(`1 atelier ouvert :\n• n°${workshop.id} *Files du samedi* — 0 bricolage`);
    });

    it('a draft in progress is kept while the animateur answers, and the question can be cancelled', async () => {
      await h.dm('julien', 'nouveau');
      await h.dm('julien', 'Mon brouillon');
      // During a draft, a slash command is explicit: the workshop question takes the next message.
      await h.slash('julien', 'atelier ouvrir Courrier');
      await h.dm('julien', 'Le courrier du matin se perd.');
      expect((await listWorkshops(h.db, 'open')).map((w) => w.description)).toEqual(['Le courrier du matin se perd.']);
      await h.dm('julien', 'nouveau');
      expect(h.last('julien').text).toContain('« Mon brouillon »');

      // A question left unanswered for over an hour no longer swallows the next message.
      await h.slash('julien', 'atelier ouvrir Oublié');
      await h.db
        .updateTable('pending_questions')
        .set({ expires_at: new Date(Date.now() - 3600_000).toISOString() })
        .execute();
      await h.dm('julien', 'reprendre');
      expect(h.port.directTexts('julien')).toContain('On reprend votre brouillon.');
      expect(await h.db.selectFrom('pending_questions').selectAll().execute()).toEqual([]);

      await h.slash('julien', 'atelier ouvrir Files');
      await h.dm('julien', 'annuler');
      expect(h.last('julien').text).toBe('D’accord, j’abandonne : rien n’a été changé.');
      expect(await listWorkshops(h.db, 'open')).toHaveLength(1);
    });

    it('refuses politely to open or close for someone who is not an animateur', async () => {
      await h.dm('karim', 'atelier ouvrir Mon atelier');
      expect(h.last('karim').text).toContain('seuls les animateurs et animatrices peuvent ouvrir ou fermer un atelier');
      const id = await openOne();
      await h.dm('karim', `atelier fermer ${id} fini`);
      expect(h.last('karim').text).toContain('seuls les animateurs');
      expect((await getWorkshop(h.db, id))?.status).toBe('open');
    });

    it('agents link their bricolage with `atelier <n°>`; others’ bricolages and unknown numbers are refused', async () => {
      await h.dm('camille', 'atelier 1');
      expect(h.last('camille').text).toBe('Je ne trouve pas de bricolage publié n°1.');
      const id = await h.publish('camille', 'Tickets de couleur');
      await h.dm('camille', `atelier ${id}`);
      expect(h.last('camille').text).toBe('Aucun atelier n’est ouvert en ce moment.');

      const workshop = await openOne();
      await h.dm('karim', `atelier ${id}`);
      expect(h.last('karim').text).toContain('n’est pas le vôtre');
      await h.dm('camille', `atelier ${id}`);
      expect(h.last('camille').text).toContain(`Le bricolage n°${id} « Tickets de couleur » fait maintenant partie de l’atelier`);
      await h.dm('camille', `atelier ${id}`);
      expect(h.last('camille').text).toContain('fait déjà partie');
      expect((await workshopBricolages(h.db, workshop)).map((b) => b.id)).toEqual([id]);
      // The announcement's thread hears of it, once.
      const announcement = (await getWorkshop(h.db, workshop))?.chat_message_id;
      const thread = h.port.sent.filter((s) => s.kind === 'thread' && s.to === announcement).map((s) => s.message.text);
      expect(thread).toEqual([expect.stringContaining(`n°${id} « Tickets de couleur », par Camille Martin, Mairie du 11e`)]);
      // An animateur linking someone else's bricolage: the thread credits its author, not the animateur.
      const karims = await h.publish('karim', 'Tableur du courrier');
      await h.dm('julien', `atelier ${karims}`);
      const notices = h.port.sent.filter((s) => s.kind === 'thread' && s.to === announcement).map((s) => s.message.text);
      expect(notices).toHaveLength(2);
      expect(notices[1]).toContain(`n°${karims} « Tableur du courrier », par Karim`);
      expect(notices[1]).not.toContain('Julien');
      const camille = await h.db
        .selectFrom('agents')
        .select('id')
        .where('platform_user_id', '=', 'camille')
        .executeTakeFirstOrThrow();
      expect(await countWorkshopContributions(h.db, camille.id)).toBe(1);
    });

    it('offers the open workshops at the end of posting, and links on the button; "no thanks" leaves it out', async () => {
      const first = await openOne('Files', 'La file');
      const second = await openOne('Courrier', 'Le courrier');
      const id = await h.publish('camille', 'Tickets');
      const offer = h.last('camille');
      expect(offer.text).toContain(`2 ateliers de débogage sont en cours. Votre bricolage n°${id}`);
      // One list of choices (one action id, the Slack adapter numbers the repeats), "no thanks" apart.
      expect(offer.buttons?.map((b) => [b.label, b.actionId, b.value])).toEqual([
        ['Courrier', 'workshop.link', `${second}:${id}`],
        ['Files', 'workshop.link', `${first}:${id}`],
        ['Non merci', 'workshop.link.no', `no:${id}`],
      ]);
      const slackButtons = renderBlocks(offer, { showCoverImage: false }).flatMap((b: any) => b.elements ?? []);
      expect(slackButtons.map((e: any) => e.text?.text)).toEqual(['Courrier', 'Files', 'Non merci']);
      await h.press('camille', `workshop.link.${first}`, `${first}:${id}`);
      expect(h.last('camille').text).toContain('fait maintenant partie de l’atelier « Files »');

      const other = await h.publish('karim', 'Bacs à courrier');
      await h.press('karim', 'workshop.link.no', `no:${other}`);
      expect(h.last('karim').text).toContain(`*atelier ${other}*`);
      expect((await workshopBricolages(h.db, second)).map((b) => b.id)).toEqual([]);

      // Typed with several open: the agent is asked which one.
      await h.dm('karim', `atelier ${other}`);
      expect(h.last('karim').buttons?.map((b) => b.value)).toEqual([`${second}:${other}`, `${first}:${other}`]);
    });

    it('the animateur closes it with a summary, announced with the bricolages that came out of it', async () => {
      const workshop = await openOne();
      const id = await h.publish('camille', 'Tickets de couleur');
      await h.press('camille', `workshop.link.${workshop}`, `${workshop}:${id}`);

      await h.dm('julien', 'atelier fermer');
      expect(h.last('julien').text).toContain('*atelier fermer 3*');
      await h.dm('julien', 'atelier fermer 999');
      expect(h.last('julien').text).toBe(
        'Je ne trouve pas d’atelier ouvert n°999. Tapez *ateliers* pour voir ceux qui sont ouverts.',
      );
      await h.dm('julien', `atelier fermer ${workshop}`);
      expect(h.last('julien').text).toContain('écrivez en un message le résumé');
      await h.dm('julien', 'Les tickets de couleur ont réglé la file.');

      expect(await getWorkshop(h.db, workshop)).toMatchObject({
        status: 'closed',
        summary: 'Les tickets de couleur ont réglé la file.',
      });
      const post = h.port.community().at(-1)!.message.text;
      expect(post).toContain('*Atelier terminé : Files du samedi*');
      expect(post).toContain('1 bricolage en est sorti :');
      expect(post).toContain(`n°${id} « Tickets de couleur », par Camille Martin, Mairie du 11e`);
      expect(post).toContain(`http://gallery.test/bricolages/${id}`);

      await h.dm('julien', `atelier fermer ${workshop} encore`);
      expect(h.last('julien').text).toContain(`Je ne trouve pas d’atelier ouvert n°${workshop}`);
      await h.dm('camille', 'ateliers');
      expect(h.last('camille').text).toBe('Aucun atelier n’est ouvert en ce moment.');
    });

    it('help lists the workshop commands: joining for everyone, opening and closing for animateurs', async () => {
      await h.dm('camille', 'aide');
      expect(h.last('camille').text).toContain('*ateliers*');
      expect(h.last('camille').text).not.toContain('*atelier ouvrir* <titre>');
      await h.dm('julien', 'aide');
      expect(h.last('julien').text).toContain('*atelier ouvrir* <titre>');
    });
  });
});
