/**
 * A défi between mairies through the bot core, from opening to the result announced by the
 * scheduler at the end date (fake clock), with two schedulers on the same database as two instances
 * would run; the refusals; an early close by `défi fermer`; the digest's mention.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHALLENGE_CLOSE_JOB, challengeCloseJob } from '../bot/challenges/result.js';
import { sendDigest } from '../bot/digest.js';
import { createScheduler } from '../bot/scheduler.js';
import { badgesOf } from '../domain/scoring.js';
import { getAgent } from '../storage/agents.js';
import { challengeBricolages, getChallenge, listChallenges } from '../storage/challenges.js';
import { loadAgentFacts } from '../storage/points.js';
import { BotHarness } from './support/bot-harness.js';
import { FakeClock } from './support/fake-clock.js';
import { describeEngines } from './support/temp-db.js';

describeEngines('défis', (engine) => {
  let h: BotHarness;
  beforeEach(async () => {
    h = await new BotHarness({ ANIMATORS: 'local:julien' }, engine).boot();
  });
  afterEach(async () => {
    await h.close();
  });

  /** A day ten days from now, typed as an animateur would (`jj/mm/aaaa`), in Paris time. */
  function inTenDays(): { typed: string; endsAfter: number } {
    const day = new Date(Date.now() + 10 * 86_400_000);
    const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(day).split('-');
    return { typed: `${d}/${m}/${y}`, endsAfter: Date.now() + 10 * 86_400_000 };
  }

  async function openOne(title = 'Zéro papier'): Promise<number> {
    await h.dm('julien', `défi ouvrir ${title} jusqu’au ${inTenDays().typed}`);
    await h.dm('julien', 'Moins de papier au guichet.');
    const open = await listChallenges(h.db, 'open');
    return open.find((c) => c.title === title)!.id;
  }

  describe('défis', () => {
    it('run from opening to the result the scheduler announces at the end date, once with two instances', async () => {
      const { typed } = inTenDays();
      await h.dm('julien', `défi ouvrir Zéro papier jusqu’au ${typed}`);
      expect(h.last('julien').text).toContain('décrivez en un message son thème');
      expect(await listChallenges(h.db, 'open')).toEqual([]);
      await h.dm('julien', 'Moins de papier au guichet : montrez vos astuces.');
      const [challenge] = await listChallenges(h.db, 'open');
      expect(challenge).toMatchObject({ title: 'Zéro papier', description: 'Moins de papier au guichet : montrez vos astuces.' });
      expect(h.last('julien').text).toContain(`Défi n°${challenge.id} « Zéro papier » ouvert jusqu’au`);
      const announcement = h.port.community().at(-1)!;
      expect(announcement.message.text).toContain('*Nouveau défi entre mairies : Zéro papier*');
      expect(announcement.message.text).toContain('*défi <n°>*');
      expect((await getChallenge(h.db, challenge.id))?.chat_message_id).toBe(announcement.ref.messageId);

      await h.dm('karim', 'défis');
      expect(h.last('karim').text).toMatch(
        new RegExp(`^1 défi ouvert :\\n• n°${challenge.id} \\*Zéro papier\\* — jusqu’au .+ inclus — 0 bricolage$`),
      );

      // Camille (11e) publishes and is offered the défi; Sophie (5e) links hers with the command.
      const camilles = await h.publish('camille', 'Tickets recto verso');
      const offer = h.last('camille');
      expect(offer.text).toContain(`Un défi entre mairies est en cours. Rattacher votre bricolage n°${camilles} au défi ?`);
      expect(offer.buttons?.map((b) => b.label)).toEqual(['Zéro papier', 'Non merci']);
      await h.press('camille', offer.buttons![0].actionId, offer.buttons![0].value);
      expect(h.last('camille').text).toContain(
        `Le bricolage n°${camilles} « Tickets recto verso » participe maintenant au défi « Zéro papier »`,
      );
      expect(h.port.sent.find((s) => s.kind === 'thread' && s.to === announcement.ref.messageId)?.message.text).toContain(
        'Camille Martin, Mairie du 11e',
      );
      const sophies = await h.publish('sophie', 'Formulaires en ligne');
      await h.dm('sophie', `défi ${sophies}`);
      expect(h.last('sophie').text).toContain('participe maintenant');
      await h.dm('sophie', `défi ${sophies}`);
      expect(h.last('sophie').text).toContain('participe déjà');
      // Karim (18e) adopts Camille's: reuse by another mairie during the défi.
      await h.dm('karim', `adopté ${camilles}`);
      expect(await challengeBricolages(h.db, challenge.id)).toHaveLength(2);

      // The end date comes: two schedulers (two instances) tick past it; the result is told once.
      const deps = { db: h.db, config: h.config, log: h.log, ports: () => h.bot.ports() };
      const clock = new FakeClock(Date.now());
      const instances = [1, 2].map((n) => createScheduler({ db: h.db, log: h.log, clock, tickMs: 0, instance: `i${n}` }));
      for (const s of instances) s.add(challengeCloseJob(deps));
      for (const s of instances) await s.start();
      for (const s of instances) await s.idle();
      expect((await getChallenge(h.db, challenge.id))?.status).toBe('open');
      clock.set(Date.parse((await getChallenge(h.db, challenge.id))!.ends_at) + 30_000);
      const ran = [...(await instances[0].tick()), ...(await instances[1].tick())];
      expect(ran).toEqual([CHALLENGE_CLOSE_JOB]);
      for (const s of instances) await s.stop();

      const closed = (await getChallenge(h.db, challenge.id))!;
      expect(closed.status).toBe('closed');
      expect(closed.closed_by).toBeNull();
      const results = h.port.community().filter((p) => p.message.text.startsWith('🏆'));
      expect(results).toHaveLength(1);
      const text = results[0].message.text;
      expect(text).toContain('*Défi terminé : Zéro papier*');
      // Both took part alone in their mairie (breadth 1); Camille's bricolage was adopted once by another mairie (reuse 1/2).
      expect(text).toContain('🥇 Mairie du 11e — 80 points');
      expect(text).toContain('🥈 Mairie du 5e — 60 points');
      expect(text).toContain(
        `Bricolage le plus adopté : n°${camilles} « Tickets recto verso », par Camille Martin, Mairie du 11e (1 adoption).`,
      );
      expect(text).toContain('2 agents ont participé.');
      expect(text).toContain(`http://gallery.test/defis/${challenge.id}`);
      expect(h.last('camille').text).toContain('Votre mairie, Mairie du 11e, termine 1re');
      expect(h.last('sophie').text).toContain('termine 2e');
      expect(h.port.directTexts('karim').some((t) => t.includes('Merci d’avoir participé'))).toBe(false);

      // The agents of the winning mairie earn the "Défi" badge; the others do not.
      const camille = await getAgent(
        h.db,
        (await h.db.selectFrom('agents').select('id').where('platform_user_id', '=', 'camille').executeTakeFirstOrThrow()).id,
      );
      const sophie = await h.db
        .selectFrom('agents')
        .select('id')
        .where('platform_user_id', '=', 'sophie')
        .executeTakeFirstOrThrow();
      expect(badgesOf(await loadAgentFacts(h.db, camille!.id))).toContain('defi');
      expect(badgesOf(await loadAgentFacts(h.db, sophie.id))).not.toContain('defi');

      // Every action is in the journal.
      const actions = await h.db.selectFrom('audit_log').select('action').where('subject_type', '=', 'challenge').execute();
      expect(actions.map((a) => a.action).sort()).toEqual([
        'challenge.close',
        'challenge.link',
        'challenge.link',
        'challenge.open',
      ]);

      // The weekly digest tells the result.
      await sendDigest(deps, new Date(Date.parse(closed.closed_at!) + 3600_000));
      const digest = h.port.community().at(-1)!.message.text;
      expect(digest).toContain('*Défis terminés*');
      expect(digest).toContain('• Zéro papier : Mairie du 11e en tête');
    });

    it('refuses politely: opening or closing for non-animateurs, bad dates, others’ and older bricolages', async () => {
      const older = await h.publish('camille', 'Avant le défi');
      await h.dm('karim', `défi ouvrir Mon défi jusqu’au ${inTenDays().typed}`);
      expect(h.last('karim').text).toContain('seuls les animateurs et animatrices peuvent ouvrir ou fermer un défi');
      await h.dm('julien', 'défi ouvrir Sans date');
      expect(h.last('julien').text).toContain('*défi ouvrir Zéro papier au guichet jusqu’au 15/12*');
      await h.dm('julien', 'défi ouvrir Hier jusqu’au 01/01/2020');
      expect(h.last('julien').text).toContain('déjà passée');
      await h.dm('julien', 'défi ouvrir Février jusqu’au 31/02/2027');
      expect(h.last('julien').text).toContain('Je ne comprends pas la date de fin « 31/2/2027 »');
      await h.dm('julien', `challenge open Given up until ${inTenDays().typed}`);
      await h.dm('julien', 'annuler');
      expect(h.last('julien').text).toBe('D’accord, j’abandonne : aucun défi n’a été ouvert.');
      expect(await listChallenges(h.db, 'open')).toEqual([]);

      const id = await openOne();
      await h.dm('karim', `défi fermer ${id}`);
      expect(h.last('karim').text).toContain('seuls les animateurs');
      expect((await getChallenge(h.db, id))?.status).toBe('open');
      await h.dm('camille', `défi ${older}`);
      expect(h.last('camille').text).toContain('publié avant l’ouverture du défi « Zéro papier »');
      const mine = await h.publish('camille', 'Pendant le défi');
      await h.dm('karim', `défi ${mine}`);
      expect(h.last('karim').text).toContain('n’est pas le vôtre');
      await h.dm('karim', 'défi 999');
      expect(h.last('karim').text).toBe('Je ne trouve pas de bricolage publié n°999.');
      // An animateur may link anyone's.
      await h.dm('julien', `défi ${mine}`);
      expect(h.last('julien').text).toContain('participe maintenant');
    });

    it('asks which défi with buttons when several run, and an animateur closes one early', async () => {
      const first = await openOne('Zéro papier');
      const second = await openOne('Accueil du samedi');
      const id = await h.publish('karim', 'Bacs à courrier');
      expect(h.last('karim').buttons?.map((b) => b.value)).toEqual([`${first}:${id}`, `${second}:${id}`, `no:${id}`]);
      await h.press('karim', 'challenge.link.no', `no:${id}`);
      expect(h.last('karim').text).toContain(`*défi ${id}*`);
      await h.dm('karim', `défi ${id}`);
      expect(h.last('karim').text).toBe(`Plusieurs défis sont ouverts : auquel rattacher le bricolage n°${id} ?`);
      await h.press('karim', `challenge.link.${second}`, `${second}:${id}`);
      expect(h.last('karim').text).toContain('« Accueil du samedi »');

      await h.dm('julien', 'défi fermer');
      expect(h.last('julien').text).toContain('*défi fermer 2*');
      await h.dm('julien', `défi fermer ${second}`);
      expect(h.last('julien').text).toBe(
        `Défi n°${second} « Accueil du samedi » fermé ; son résultat est annoncé dans le canal de la communauté.`,
      );
      expect(h.port.community().at(-1)!.message.text).toContain('🥇 Mairie du 18e');
      expect(h.last('karim').text).toContain('termine 1re');
      await h.dm('julien', `défi fermer ${second}`);
      expect(h.last('julien').text).toBe(
        `Je ne trouve pas de défi ouvert n°${second}. Tapez *défis* pour voir ceux qui sont ouverts.`,
      );
      await h.dm('karim', 'défis');
      expect(h.last('karim').text).toContain('1 défi ouvert');
    });
  });
});
