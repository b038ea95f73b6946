/** Animateurs through the bot core: every command, its refusals, the audit log, the dashboard. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './support/community-harness.js';
import { describeEngines } from './support/temp-db.js';

describeEngines('animateurs through the bot', (engine) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({}, engine);
  });
  afterEach(() => h.close());

  const last = (user: string) => h.port.lastDirect(user)!.text;
  const bricolage = (id: number) =>
    h.db.selectFrom('bricolages').select(['status', 'featured']).where('id', '=', id).executeTakeFirstOrThrow();
  const audited = () =>
    h.db
      .selectFrom('audit_log')
      .select(['action', 'subject_id', 'actor_agent_id'])
      .where('action', 'not in', ['bricolage.publish', 'adoption.record'])
      .execute();
  const REFUSAL =
    'Désolé, cette commande est réservée aux animateurs et animatrices de la communauté. Tapez *aide* pour voir tout ce que vous pouvez faire.';

  describe('a colleague who is not an animateur', () => {
    it('is refused politely for every animateur command, and nothing changes', async () => {
      const { id, ref } = await h.publish('camille', 'Ticket coloré');
      const comment = await h.reply('sophie', ref, 'Bravo');
      const commentId = (await h.db.selectFrom('comments').select('id').executeTakeFirstOrThrow()).id;
      expect(comment).toBeTruthy();
      const posts = h.port.community().length;
      for (const text of [
        `à la une ${id}`,
        `retirer de la une ${id}`,
        `masquer ${id} je n'aime pas`,
        `rétablir ${id}`,
        `masquer commentaire ${commentId}`,
        `rétablir commentaire ${commentId}`,
        'annonce Fête ce soir',
        'journal',
        'tableau de bord',
        'animateur ajouter Karim Benali',
        'animateur retirer Julien Moreau',
      ]) {
        await h.dm('karim', text);
        expect(last('karim'), text).toBe(REFUSAL);
      }
      expect(await bricolage(id)).toEqual({ status: 'published', featured: 0 });
      expect(await h.db.selectFrom('comments').select('status').executeTakeFirstOrThrow()).toEqual({ status: 'visible' });
      expect(h.port.community()).toHaveLength(posts);
      expect(await audited()).toEqual([]);
      expect(await h.db.selectFrom('animators').selectAll().execute()).toEqual([]);
    });
  });

  describe('an animateur', () => {
    it('features and unfeatures, with clear answers for a repeat, an unknown or a missing number', async () => {
      const { id } = await h.publish('camille', 'Ticket coloré');
      await h.dm('julien', `à la une ${id}`);
      expect(last('julien')).toBe(`« Ticket coloré » (n°${id}) est maintenant à la une. ⭐`);
      expect((await bricolage(id)).featured).toBe(1);
      await h.dm('julien', `À LA UNE n°${id}`);
      expect(last('julien')).toBe(`« Ticket coloré » (n°${id}) est déjà à la une.`);
      await h.dm('julien', `retirer de la une ${id}`);
      expect(last('julien')).toBe(`« Ticket coloré » (n°${id}) n’est plus à la une.`);
      await h.dm('julien', `retirer de la une ${id}`);
      expect(last('julien')).toBe(`« Ticket coloré » (n°${id}) n’était pas à la une.`);
      await h.dm('julien', 'à la une 999');
      expect(last('julien')).toBe('Je ne trouve pas de bricolage n°999.');
      await h.dm('julien', 'à la une');
      expect(last('julien')).toBe('Il me manque le numéro. Par exemple : *à la une 12*.');
      expect((await audited()).map((a) => a.action)).toEqual(['bricolage.feature', 'bricolage.unfeature']);
    });

    it('hides a bricolage from search at once and restores it, deleting nothing', async () => {
      const { id } = await h.publish('camille', 'Ticket coloré');
      await h.dm('julien', `masquer ${id} Doublon du n°3`);
      expect(last('julien')).toContain(`« Ticket coloré » (n°${id}) est masqué`);
      expect((await bricolage(id)).status).toBe('hidden');
      await h.dm('karim', 'chercher ticket');
      expect(last('karim')).toBe('Aucun bricolage ne correspond à « ticket ». Essayez d’autres mots.');
      await h.dm('karim', `adopté ${id}`);
      expect(last('karim')).toBe(`Je ne trouve pas de bricolage publié n°${id}.`);
      await h.dm('julien', `masquer ${id}`);
      expect(last('julien')).toBe(`« Ticket coloré » (n°${id}) est déjà masqué.`);

      await h.dm('julien', `rétablir ${id}`);
      expect(last('julien')).toBe(`« Ticket coloré » (n°${id}) est rétabli : il est de retour dans la galerie.`);
      await h.dm('karim', 'chercher ticket');
      expect(last('karim')).toContain(`n°${id} Ticket coloré`);
      await h.dm('julien', `rétablir ${id}`);
      expect(last('julien')).toBe(`« Ticket coloré » (n°${id}) n’est pas masqué.`);
      expect(await h.db.selectFrom('steps').selectAll().where('bricolage_id', '=', id).execute()).toHaveLength(1);
    });

    it('hides and restores a comment', async () => {
      const { ref } = await h.publish('camille', 'Ticket coloré');
      await h.reply('karim', ref, 'Propos déplacés');
      const { id } = await h.db.selectFrom('comments').select('id').executeTakeFirstOrThrow();
      await h.dm('julien', `masquer commentaire ${id} propos déplacés`);
      expect(last('julien')).toContain(`Le commentaire n°${id} est masqué.`);
      expect(await h.db.selectFrom('comments').select(['status', 'text']).executeTakeFirstOrThrow()).toEqual({
        status: 'hidden',
        text: 'Propos déplacés',
      });
      await h.dm('julien', `masquer commentaire ${id}`);
      expect(last('julien')).toBe(`Le commentaire n°${id} est déjà masqué.`);
      await h.dm('julien', `rétablir commentaire ${id}`);
      expect(last('julien')).toBe(`Le commentaire n°${id} est rétabli.`);
      await h.dm('julien', `rétablir commentaire ${id}`);
      expect(last('julien')).toBe(`Le commentaire n°${id} n’est pas masqué.`);
      await h.dm('julien', 'masquer commentaire 999');
      expect(last('julien')).toBe('Je ne trouve pas de commentaire n°999.');
    });

    it('posts an announcement in the community channel', async () => {
      await h.dm('julien', 'annonce');
      expect(last('julien')).toBe('Que voulez-vous annoncer ? Tapez *annonce* suivi de votre message.');
      await h.dm('julien', 'annonce Atelier de débogage jeudi à 14 h, salle des fêtes !');
      expect(h.port.community().at(-1)!.message.text).toBe(
        '📣 *Annonce de Julien Moreau*\nAtelier de débogage jeudi à 14 h, salle des fêtes !',
      );
      expect(last('julien')).toBe('Votre annonce est publiée dans le canal de la communauté.');
      h.port.failCommunityPosts = true;
      await h.dm('julien', 'annonce Deuxième annonce');
      expect(last('julien')).toBe('Je n’ai pas pu publier votre annonce dans le canal pour l’instant. Réessayez dans un moment.');
      const posted = await h.db.selectFrom('audit_log').select('details').where('action', '=', 'announcement.post').execute();
      expect(posted.map((r) => JSON.parse(r.details!).text)).toEqual(['Atelier de débogage jeudi à 14 h, salle des fêtes !']);
    });

    it('reads the journal: who did what, when and why, newest first', async () => {
      await h.dm('julien', 'journal');
      expect(last('julien')).toBe('Le journal est vide pour l’instant.');
      const { id } = await h.publish('camille', 'Ticket coloré');
      await h.dm('julien', `à la une ${id}`);
      await h.dm('julien', `masquer ${id} Doublon du n°3`);
      await h.dm('julien', 'journal');
      const lines = last('julien').split('\n');
      expect(lines[0]).toBe('*Journal — dernières actions*');
      expect(lines[1]).toMatch(
        new RegExp(`^• \\d\\d/\\d\\d \\d\\d:\\d\\d — Julien Moreau : masque le bricolage n°${id} \\(motif : Doublon du n°3\\)$`),
      );
      expect(lines[2]).toMatch(new RegExp(`— Julien Moreau : met à la une le bricolage n°${id}$`));
      expect(lines[3]).toMatch(new RegExp(`— Camille Martin : bricolage.publish \\(bricolage ${id}\\)$`));
      const rows = await h.db
        .selectFrom('audit_log')
        .select(['action', 'details'])
        .where('action', '=', 'bricolage.hide')
        .execute();
      expect(JSON.parse(rows[0].details!)).toEqual({ bricolageId: id, reason: 'Doublon du n°3' });
    });

    it('names and removes animateurs; a configured one stays', async () => {
      const { id } = await h.publish('sophie', 'Classeur');
      await h.dm('camille', 'bonjour'); // Camille is known to the bot
      await h.dm('julien', 'animateur ajouter camille martin');
      expect(last('julien')).toBe('Camille Martin fait maintenant partie de l’équipe d’animation. 🎈');
      expect(last('camille')).toBe(
        'Julien Moreau vous a ajouté à l’équipe d’animation. 🎈 Tapez *aide* pour voir ce que vous pouvez faire en plus.',
      );
      await h.dm('julien', 'animateur ajouter Camille Martin');
      expect(last('julien')).toBe('Camille Martin fait déjà partie de l’équipe d’animation.');
      await h.dm('camille', `à la une ${id}`);
      expect(last('camille')).toContain('est maintenant à la une');
      await h.dm('camille', 'animateur retirer julien');
      expect(last('camille')).toContain('Julien Moreau fait partie de l’équipe d’animation par la configuration (ANIMATORS)');
      await h.dm('julien', 'animateur retirer Camille Martin');
      expect(last('julien')).toBe('Camille Martin ne fait plus partie de l’équipe d’animation.');
      await h.dm('camille', `retirer de la une ${id}`);
      expect(last('camille')).toBe(REFUSAL);
      await h.dm('julien', 'animateur ajouter Personne Inconnue');
      expect(last('julien')).toContain('Je ne trouve personne qui s’appelle « Personne Inconnue »');
      await h.dm('julien', 'animateur ajouter');
      expect(last('julien')).toBe('Qui ? Tapez par exemple *animateur ajouter Camille Martin*.');
    });

    it('reads the dashboard', async () => {
      const { id } = await h.publish('camille', 'Ticket coloré');
      await h.dm('karim', `adopté ${id}`);
      await h.dm('sophie', 'nouveau');
      await h.db.updateTable('conversations').set({ updated_at: '2026-01-01T00:00:00.000Z' }).execute();
      await h.db
        .insertInto('inbox')
        .values([
          // Kept aside after its last attempt: a failure to look at.
          {
            platform: 'local',
            event_id: 'broken',
            payload: '{}',
            received_at: '2026-11-01T00:00:00.000Z',
            error: 'boom',
            attempts: 5,
            failed_at: '2026-11-01T00:10:00.000Z',
          },
          // Still being retried: not a failure yet.
          {
            platform: 'local',
            event_id: 'retrying',
            payload: '{}',
            received_at: '2026-11-01T00:00:00.000Z',
            error: 'busy',
            attempts: 1,
            next_attempt_at: '2099-01-01T00:00:00.000Z',
          },
        ])
        .execute();
      await h.dm('aicha', 'bonjour');
      await h.db.updateTable('agents').set({ mairie: 'Annexe Bercy' }).where('platform_user_id', '=', 'aicha').execute();
      await h.dm('julien', 'tableau de bord');
      const text = last('julien');
      expect(text).toContain('*Tableau de bord* 📋');
      expect(text).toContain('• Mairies sans bricolage ni adoption depuis 30 jours : Mairie du 1er, Mairie du 2e');
      expect(text).not.toMatch(/Mairie du 11e|Mairie du 18e/);
      expect(text).toContain(`• Bricolages sans photo : 1 — n°${id} Ticket coloré`);
      expect(text).toContain(`• Adoptions en attente de retour d’expérience : 1 — n°${id} (Karim Benali)`);
      expect(text).toContain('• Brouillons abandonnés depuis plus de 3 jours : 1 — Sophie Lefèvre');
      expect(text).toMatch(/• Événements en échec : 1 — #\d+ local/);
      expect(text).toContain('• Mairies non reconnues : 1 — Annexe Bercy (1)');
    });

    it('sees the animateur commands in the help; a colleague does not', async () => {
      await h.dm('julien', 'aide');
      expect(last('julien')).toContain('En tant qu’animateur ou animatrice, vous pouvez aussi :');
      await h.dm('karim', 'aide');
      expect(last('karim')).not.toContain('animateur');
      expect(last('karim')).toContain('*mon profil*');
    });

    it('answers in English too', async () => {
      await h.dm('julien', 'langue en');
      await h.dm('julien', 'hide');
      expect(last('julien')).toBe('The number is missing. For example: *hide 12 duplicate of no. 8*.');
      await h.dm('karim', 'langue en');
      await h.dm('karim', 'dashboard');
      expect(last('karim')).toBe(
        'Sorry, this command is for the community facilitators (animateurs) only. Type *help* to see everything you can do.',
      );
    });
  });
});
