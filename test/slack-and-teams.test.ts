/**
 * Slack and Teams running at once on one server and one database: a bricolage posted from each
 * platform, each liked on its own platform, both in the one gallery with their own chat link.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bootApp, type TestApp } from './support/app.js';
import { type FakeSlack, startFakeSlack } from './support/fake-slack.js';
import { type FakeTeams, startFakeTeams } from './support/fake-teams.js';
import { eventCallback, postSlackEvent, postSlackInteraction } from './support/slack-signer.js';
import { LEA, MARIE, PAUL, teamsDriver, teamsEnv } from './support/teams-driver.js';
import { describeEngines } from './support/temp-db.js';
import { waitFor } from './support/wait-for.js';

describeEngines('Slack and Teams on one server', (engine) => {
  const SECRET = 'both-signing-secret';
  const SLACK_CHANNEL = 'C0COMMUNE1';
  const PAUL_SLACK = 'U0PAUL002';
  const SOPHIE_SLACK = 'U0SOPHIE4';

  let slack: FakeSlack;
  let teams: FakeTeams;
  let app: TestApp | null = null;

  beforeEach(async () => {
    slack = await startFakeSlack();
    slack.addUser({ id: PAUL_SLACK, name: 'paul.s', displayName: 'Paul Slack', fields: { Xf0MAIRIE: '18e' } });
    slack.addUser({ id: SOPHIE_SLACK, name: 'sophie.l', displayName: 'Sophie Lefèvre', fields: { Xf0MAIRIE: '20e' } });
    teams = await startFakeTeams();
    for (const user of [MARIE, PAUL, LEA]) teams.addUser(user);
    app = await bootApp(
      {
        ...teamsEnv(teams),
        SLACK_BOT_TOKEN: slack.botToken,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_CHANNEL_ID: SLACK_CHANNEL,
        SLACK_API_URL: slack.apiUrl,
        SLACK_MAIRIE_FIELD: 'Xf0MAIRIE',
      },
      undefined,
      engine,
    );
  });

  afterEach(async () => {
    await app?.close();
    app = null;
    await slack.close();
    await teams.close();
  });

  describe('Slack and Teams at once', () => {
    it('feed one gallery: a bricolage from each, each liked on its own platform', async () => {
      expect(app!.config.localChat).toBe(false);
      const drive = teamsDriver(teams, () => app!);
      const fromTeams = await drive.publishFromTeams();
      await drive.react('reaction-added', PAUL, fromTeams.cardId, 'like');

      // Slack: the whole bricolage from the /bricolage form in one signed interaction.
      const res = await postSlackInteraction(
        `${app!.url}/slack/events`,
        {
          type: 'view_submission',
          team: { id: 'T0PARIS01' },
          user: { id: PAUL_SLACK, name: 'paul.s', team_id: 'T0PARIS01' },
          api_app_id: 'A0BRICOLE',
          trigger_id: 'trigger-both',
          view: {
            id: 'V0FORMBOTH',
            callback_id: 'bricolage_form',
            private_metadata: 'D0PAUL002',
            state: {
              values: {
                b_title: { title: { type: 'plain_text_input', value: 'Planning partagé' } },
                b_problem: { problem: { type: 'plain_text_input', value: 'Les permanences se chevauchaient' } },
                b_steps: { steps: { type: 'plain_text_input', value: 'Créer le tableau' } },
                b_category: {
                  category: {
                    type: 'static_select',
                    selected_option: { text: { type: 'plain_text', text: 'Autre' }, value: 'Autre' },
                  },
                },
                b_photos: { photos: { type: 'file_input', files: [] } },
              },
            },
          },
        },
        { secret: SECRET },
      );
      expect(res.status).toBe(200);
      const fromSlack = await waitFor('the Slack post linked', () =>
        app!.db
          .selectFrom('bricolages')
          .select(['id', 'chat_message_id'])
          .where('chat_platform', '=', 'slack')
          .where('chat_message_id', 'is not', null)
          .executeTakeFirst(),
      );
      slack.addReaction(SLACK_CHANNEL, fromSlack.chat_message_id!, SOPHIE_SLACK, 'tada');
      const like = await postSlackEvent(
        `${app!.url}/slack/events`,
        eventCallback('EvBoth1', {
          type: 'reaction_added',
          user: SOPHIE_SLACK,
          reaction: 'tada',
          item: { type: 'message', channel: SLACK_CHANNEL, ts: fromSlack.chat_message_id },
          item_user: slack.botUserId,
          event_ts: slack.nextTs(),
        }),
        { secret: SECRET },
      );
      expect(like.status).toBe(200);
      await app!.idle();

      const teamsJson = await drive.gallery(fromTeams.id);
      const slackJson = await drive.gallery(fromSlack.id);
      expect([teamsJson.chat.platform, teamsJson.likes.by.map((l: any) => l.name)]).toEqual(['teams', ['Paul Martin']]);
      expect([slackJson.chat.platform, slackJson.likes.by.map((l: any) => l.name)]).toEqual(['slack', ['Sophie Lefèvre']]);
      const list = await (await fetch(`${app!.url}/bricolages.json`)).json();
      expect(JSON.stringify(list)).toContain('Ticket coloré pour la file');
      expect(JSON.stringify(list)).toContain('Planning partagé');
    });
  });
});
