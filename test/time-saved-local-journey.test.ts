/**
 * Time saved (issue 20) through the local chat on the real server: two colleagues report how much
 * time a bricolage saves them (a quick button after skipping the feedback; a typed answer read at
 * the second try after `adopté <n°> <retour>`), a third skips, the author cannot report; a later
 * report replaces the earlier. Then the gallery page, its JSON, `/preuves.csv`, the weekly digest
 * and `mon profil` say the same figures, labelled as agents' own estimates.
 */
import { Cron } from 'croner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventHub } from '../adapters/local/hub.js';
import { createLocalPort } from '../adapters/local/outbound.js';
import { sendDigest } from '../bot/digest.js';
import { SCHEDULER_TIMEZONE } from '../domain/cron.js';
import { createLogger } from '../log.js';
import { bootApp, type TestApp } from './support/app.js';
import { type ChatMessage, localChatClient } from './support/local-chat-client.js';
import { describeEngines } from './support/temp-db.js';

describeEngines('time saved in the local chat', (engine) => {
  let app: TestApp;
  const chat = localChatClient(() => app);
  const { say } = chat;
  const botSaid = async (as: string) => (await chat.messages(as, `dm:${as}`)).filter((m) => m.author.id === 'bot');
  const lastBot = async (as: string) => (await botSaid(as)).at(-1) as ChatMessage;
  const TITLE = 'Tickets de couleur à l’accueil';
  let id: number;

  beforeAll(async () => {
    app = await bootApp({}, undefined, engine);
    for (const text of ['nouveau', TITLE, 'La file du samedi déborde.', 'Un ticket par motif', 'terminé', 'accueil', 'publier']) {
      await say('camille', text);
    }
    id = Number(/\/bricolages\/(\d+)/.exec((await lastBot('camille')).text)?.[1]);
  });
  afterAll(async () => {
    await app?.close();
  });

  describe('time saved in the local chat', () => {
    it('asks after the feedback, with quick answers, and saves one (Karim, 18e)', async () => {
      const post = (await chat.messages('karim', 'communaute')).find((m) => m.card?.bricolageId === id) as ChatMessage;
      await chat.press('karim', post, { actionId: 'adopt' });
      await chat.press('karim', await lastBot('karim'), { label: 'Passer' });
      const question = await lastBot('karim');
      expect(question.text).toContain(`à peu près combien de temps « ${TITLE} » vous fait-il gagner ?`);
      expect(question.buttons.map((b) => b.label)).toEqual([
        '15 min / semaine',
        '1 h / semaine',
        '30 min / jour',
        '2 h / mois',
        'Passer',
      ]);
      await chat.press('karim', question, { label: '1 h / semaine' });
      expect((await lastBot('karim')).text).toBe(`Merci ! J’ai noté que « ${TITLE} » vous fait gagner environ 1 h par semaine.`);
    });

    it('asks an unreadable answer once more with examples, then reads it (Sophie, 5e)', async () => {
      await say('sophie', `adopté ${id} Très utile au 5e`);
      expect((await lastBot('sophie')).text).toContain('combien de temps');
      await say('sophie', 'pas mal');
      expect((await lastBot('sophie')).text).toContain('« 30 min par semaine », « 1h30 par mois »');
      await say('sophie', '10 minutes par jour');
      expect((await lastBot('sophie')).text).toBe(
        `Merci ! J’ai noté que « ${TITLE} » vous fait gagner environ 50 min par semaine.`,
      );
    });

    it('lets a colleague skip it (Aïcha, 20e), and refuses the author', async () => {
      const post = (await chat.messages('aicha', 'communaute')).find((m) => m.card?.bricolageId === id) as ChatMessage;
      await chat.press('aicha', post, { actionId: 'adopt' });
      await say('aicha', 'Les usagers adorent.');
      expect((await lastBot('aicha')).text).toContain('combien de temps');
      await say('aicha', 'passer');
      expect((await lastBot('aicha')).text).toContain(`*adopté ${id} gain 30 min par semaine*`);

      await say('camille', `adopté ${id} gain 1 h par semaine`);
      expect((await lastBot('camille')).text).toContain('C’est votre propre bricolage');
    });

    it('replaces an earlier report with a later one given directly', async () => {
      await say('karim', `adopté ${id} gain 1h30 par semaine`);
      expect((await lastBot('karim')).text).toBe(
        `C’est noté : votre estimation pour « ${TITLE} » est maintenant d’environ 1,5 h par semaine.`,
      );
    });

    it('shows the sum on the page and in its JSON, labelled as agents’ own estimates', async () => {
      const html = await (await fetch(`${app.url}/bricolages/${id}`)).text();
      expect(html).toContain('Fait gagner environ 2,5 h par semaine, d&#x27;après 2 agents de 2 mairies');
      expect(html).toContain('Estimations déclarées par les agents (2 estimations)');
      const json = await (await fetch(`${app.url}/bricolages/${id}.json`)).json();
      expect(json.impact).toEqual({ minutesPerWeek: 140, medianMinutesPerWeek: 70, reports: 2, mairies: 2 });
      const reported = Object.fromEntries(
        (json.adoptions as { mairie: string; minutesPerWeek: number | null }[]).map((a) => [a.mairie, a.minutesPerWeek]),
      );
      expect(reported).toEqual({ 'paris-18': 90, 'paris-5': 50, 'paris-20': null });
    });

    it('puts minutes_par_semaine in /preuves.csv', async () => {
      const csv = (await (await fetch(`${app.url}/preuves.csv`)).text()).replace(/^\uFEFF/, '');
      const [header, ...rows] = csv.split('\r\n').filter((l) => l);
      const columns = (header as string).split(';');
      const row = rows.find((r) => r.startsWith(`${id};`));
      expect(row, csv).toBeDefined();
      expect(columns).toContain('minutes_par_semaine');
      expect((row as string).split(';')[columns.indexOf('minutes_par_semaine')]).toBe('140');
    });

    it('tells the week’s reports in the digest, and the author in mon profil', async () => {
      const port = createLocalPort({
        db: app.db,
        config: app.config,
        hub: createEventHub(),
        uploadsDir: `${app.dataDir}/uploads`,
      });
      const slot = new Cron(app.config.digestCron, { timezone: SCHEDULER_TIMEZONE, paused: true }).nextRun() as Date;
      const log = createLogger('digest', true);
      expect(await sendDigest({ db: app.db, config: app.config, log, ports: () => [port] }, slot)).toBe(1);
      const digest = (await chat.messages('karim', 'communaute')).at(-1)?.text ?? '';
      expect(digest).toContain(
        '⏱️ *Temps gagné* : 2 agents ont indiqué cette semaine environ 2,5 h par semaine gagnées ; au total, environ 2,5 h par semaine (estimations déclarées par les agents).',
      );

      await say('camille', 'mon profil');
      expect((await lastBot('camille')).text).toBe(
        '⏱️ Vos bricolages font gagner environ 2,5 h par semaine à vos collègues (estimations déclarées par 2 agents).',
      );
    });
  });
});
