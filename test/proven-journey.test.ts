/**
 * Proven and proposals through the bot core: a bricolage adopted with feedback in three other
 * mairies is announced once (community channel and author) and earns its author the badge; only
 * animateurs propose it and move its status, each change audited and told to the author and to the
 * agents whose mairie adopted it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { announceProven } from '../bot/proven.js';
import { badgesOf } from '../domain/scoring.js';
import { createLogger } from '../log.js';
import { loadAgentFacts } from '../storage/points.js';
import { type Harness, startHarness } from './support/community-harness.js';
import { describeEngines } from './support/temp-db.js';

describeEngines('proven bricolages through the bot', (engine) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({}, engine);
  });
  afterEach(() => h.close());

  const last = (user: string) => h.port.lastDirect(user)?.text ?? '';
  const REFUSAL =
    'Désolé, cette commande est réservée aux animateurs et animatrices de la communauté. Tapez *aide* pour voir tout ce que vous pouvez faire.';
  const proposals = () => h.db.selectFrom('proposals').select(['bricolage_id', 'status']).execute();
  const audited = () =>
    h.db
      .selectFrom('audit_log')
      .select(['action', 'subject_id', 'details'])
      .where('action', 'like', 'proposal.%')
      .orderBy('id')
      .execute();
  const provenDeps = () => ({ db: h.db, config: h.config, log: createLogger('proven-test', true), ports: () => [h.port] });

  describe('a bricolage that proves itself', () => {
    it('is announced once in the community channel and to its author, who earns the badge', async () => {
      const { id } = await h.publish('camille', 'Ticket coloré');
      // Camille's own mairie (11e: Nadia) and Camille herself do not count; Karim (18e), Sophie (5e) and
      // Aïcha (20e) do, one of them with feedback.
      await h.dm('nadia', `adopté ${id} Super`);
      await h.dm('karim', `adopté ${id} La file a fondu`);
      await h.dm('sophie', `adopté ${id}`);
      expect(await announceProven(provenDeps())).toEqual([]);
      await h.dm('aicha', `adopté ${id}`);
      const posts = h.port.community().length;
      expect(await announceProven(provenDeps())).toEqual([id]);
      const post = h.port.community().at(-1)!.message.text;
      expect(h.port.community()).toHaveLength(posts + 1);
      expect(post).toContain('*A fait ses preuves*');
      expect(post).toContain('3 autres mairies');
      expect(last('camille')).toContain(`Votre bricolage « Ticket coloré » (n°${id}) *a fait ses preuves*`);
      // Once: a second run, or more adoptions, announce nothing more.
      await h.dm('fan1', `adopté ${id} Merci`);
      expect(await announceProven(provenDeps())).toEqual([]);
      expect(h.port.community()).toHaveLength(posts + 1);
      const camille = await h.db
        .selectFrom('agents')
        .select('id')
        .where('platform_user_id', '=', 'camille')
        .executeTakeFirstOrThrow();
      expect(badgesOf(await loadAgentFacts(h.db, camille.id, '', h.config.provenMinMairies))).toContain('fait-ses-preuves');
      await h.dm('camille', 'mon profil');
      expect(last('camille')).toContain('Fait ses preuves');
    });
  });

  describe('proposals to the central administration', () => {
    it('are refused politely to agents who are not animateurs, and nothing changes', async () => {
      const { id } = await h.publish('camille', 'Ticket coloré');
      for (const text of [`proposer ${id} À généraliser`, `proposition ${id} à l’étude Reçu`, `proposition ${id} déployé Fait`]) {
        await h.dm('karim', text);
        expect(last('karim'), text).toBe(REFUSAL);
      }
      await h.dm('julien', `proposer ${id} À généraliser`);
      await h.dm('camille', `proposition ${id} à l'étude Je décide moi-même`);
      expect(last('camille')).toBe(REFUSAL);
      expect(await proposals()).toEqual([{ bricolage_id: id, status: 'proposed' }]);
      expect((await audited()).map((a) => a.action)).toEqual(['proposal.create']);
    });

    it('move proposé → à l’étude → déployé with dated notes, audited, told to the author and the adopting mairies', async () => {
      const { id } = await h.publish('camille', 'Ticket coloré');
      await h.dm('karim', `adopté ${id} La file a fondu`);
      await h.dm('julien', 'aide');
      expect(h.port.directTexts('julien').join('\n')).toContain('*proposer* <n°> <note>');

      await h.dm('julien', `proposer ${id}`);
      expect(last('julien')).toContain('Il me manque le numéro ou la note');
      await h.dm('julien', 'proposer 999 Rien');
      expect(last('julien')).toBe('Je ne trouve pas de bricolage publié n°999.');
      await h.dm('julien', `proposition ${id} à l'étude Trop tôt`);
      expect(last('julien')).toContain('n’a pas encore été proposé');

      // fan17 works in the 18e, like Karim who adopted it: told too. Sophie (5e) is not.
      await h.dm('fan17', 'bonjour');
      const before = { camille: h.port.directTexts('camille').length, sophie: h.port.directTexts('sophie').length };
      await h.dm('julien', `proposer n°${id} Adopté au 18e, à généraliser`);
      expect(last('julien')).toBe(
        `C’est noté : le bricolage n°${id} « Ticket coloré » est proposé à l’administration centrale. 3 personnes prévenues.`,
      );
      expect(last('camille')).toContain('*proposé*');
      expect(last('camille')).toContain('Note : Adopté au 18e, à généraliser');
      expect(last('karim')).toContain('*proposé*');
      expect(last('fan17')).toContain('*proposé*');
      expect(h.port.directTexts('sophie')).toHaveLength(before.sophie);
      expect(h.port.directTexts('camille')).toHaveLength(before.camille + 1);

      await h.dm('julien', `proposer ${id} Encore`);
      expect(last('julien')).toContain('est déjà proposé (statut : proposé)');
      await h.dm('julien', `proposition ${id} déployé Trop vite`);
      expect(last('julien')).toBe(`La proposition n°${id} est « proposé » : elle ne peut pas passer à « déployé ».`);
      await h.dm('julien', `proposition ${id} à l’étude Reçu par la DDCT`);
      expect(last('julien')).toContain('est maintenant « à l’étude »');
      expect(last('karim')).toContain('*à l’étude*');
      expect(last('karim')).toContain('Note : Reçu par la DDCT');
      await h.dm('julien', `proposition ${id} déployé Dans les 20 mairies en janvier`);
      expect(last('camille')).toContain('*déployé*');
      await h.dm('julien', `proposition ${id} non retenu Finalement non`);
      expect(last('julien')).toContain('« déployé » : elle ne peut pas passer à « non retenu »');

      expect(await proposals()).toEqual([{ bricolage_id: id, status: 'deployed' }]);
      const events = await h.db.selectFrom('proposal_events').select(['status', 'note', 'at']).orderBy('id').execute();
      expect(events.map((e) => [e.status, e.note])).toEqual([
        ['proposed', 'Adopté au 18e, à généraliser'],
        ['studying', 'Reçu par la DDCT'],
        ['deployed', 'Dans les 20 mairies en janvier'],
      ]);
      for (const e of events) expect(Number.isNaN(Date.parse(e.at))).toBe(false);
      const log = await audited();
      expect(log.map((a) => [a.action, a.subject_id])).toEqual([
        ['proposal.create', String(id)],
        ['proposal.status', String(id)],
        ['proposal.status', String(id)],
      ]);
      expect(JSON.parse(log[1].details ?? '{}')).toMatchObject({ status: 'studying', note: 'Reçu par la DDCT' });
      await h.dm('julien', 'journal');
      expect(last('julien')).toContain(`proposition du bricolage n°${id} : déployé`);
    });

    it('speak English to an English-speaking animateur', async () => {
      const { id } = await h.publish('camille', 'Ticket coloré');
      await h.dm('julien', 'langue en');
      await h.dm('julien', `propose ${id} Worth rolling out`);
      expect(last('julien')).toBe(
        `Noted: bricolage #${id} "Ticket coloré" is proposed to the central administration. 1 person told.`,
      );
      await h.dm('julien', `proposal ${id} studying Received`);
      expect(last('julien')).toContain('is now "under study"');
    });
  });
});
