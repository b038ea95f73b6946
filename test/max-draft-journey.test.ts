/**
 * A draft at the wizard's own limits (a 120-character title, a 2,000-character problem, 20 steps of
 * 2,000 characters, photos) posted through each platform's fake, which answers as the real one
 * would: the fake Teams connector refuses activities over ~28 KB (413) and cards the Adaptive Card
 * schema rejects, and records those with more than six actions or images that are not JPEG/PNG/GIF;
 * the fake Slack refuses messages that break a Block Kit limit (`invalid_blocks`). Checked here:
 * sizes, action counts and image formats of everything sent, with and without PUBLIC_URL.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { jpegWithGps, plainJpeg, plainPng } from './fixtures/photos/generate.js';
import { bootApp, type TestApp } from './support/app.js';
import { blockKitProblems } from './support/block-kit-check.js';
import { type FakeFileMeta, type FakeSlack, startFakeSlack } from './support/fake-slack.js';
import { type FakeTeams, startFakeTeams } from './support/fake-teams.js';
import { CHANNEL, MARIE, slackDriver, slackEnv } from './support/slack-driver.js';
import { activity } from './support/teams-activity.js';
import { MARIE_CHAT, CHANNEL as TEAMS_CHANNEL, MARIE as TEAMS_MARIE, teamsDriver, teamsEnv } from './support/teams-driver.js';
import { describeEngines, tempDir } from './support/temp-db.js';
import { waitFor } from './support/wait-for.js';

describeEngines('max-draft-journey', (engine) => {
  const TITLE = `Le grand classeur des files d’attente ${'é'.repeat(120)}`.slice(0, 120);
  const PROBLEM = 'La file déborde *chaque* samedi & les agents #11 s’épuisent. '.repeat(40).slice(0, 2000);
  /** Step n as an agent could type it: 2,000 characters (UTF-16, as the wizard counts) with accents, markdown characters and emoji. */
  const stepText = (n: number) => {
    const text = `Étape ${n} : **ranger** les #tickets_${n} & "trier" 📎 `.repeat(60).slice(0, 2000);
    // Never half an emoji, nor a space the wizard would trim, at the end.
    return `${text.slice(0, -2)}.`.replace(/[\uD800-\uDBFF]\.$/, '..');
  };
  const STEPS = Array.from({ length: 20 }, (_, i) => stepText(i + 1));
  const KB24 = 24 * 1024;
  /** About thirty messages each, three with photos: more than the default 30 s on a busy machine. */
  const JOURNEY_MS = 120_000;

  let app: TestApp | null = null;
  let dir: { dir: string; remove(): void } | null = null;
  let close: (() => Promise<void>) | null = null;

  afterEach(async () => {
    await app?.stop();
    app = null;
    await close?.();
    close = null;
    dir?.remove();
    dir = null;
  });

  describe.each([
    { publicUrl: null, image: /^data:image\/jpeg;base64,/ },
    { publicUrl: 'https://galerie.mairie.example', image: /^https:\/\/galerie\.mairie\.example\/media\/[0-9a-f]{64}-card\.jpg$/ },
  ])('a maximal draft through Teams (PUBLIC_URL $publicUrl)', ({ publicUrl, image }) => {
    it(
      'sends nothing over 24 KB, the steps whole before a card Teams shows whole, and JPEG photos',
      async () => {
        const fake: FakeTeams = await startFakeTeams();
        close = () => fake.close();
        fake.addUser(TEAMS_MARIE);
        dir = tempDir();
        app = await bootApp({ ...teamsEnv(fake), ...(publicUrl ? { PUBLIC_URL: publicUrl } : {}) }, dir.dir, engine);
        const { dm, inlineImage, post } = teamsDriver(fake, () => app!);

        await dm(TEAMS_MARIE, 'nouveau');
        await dm(TEAMS_MARIE, '11');
        await dm(TEAMS_MARIE, TITLE);
        await dm(TEAMS_MARIE, PROBLEM);
        // A tall photo first: its card JPEG is limited by its height.
        const photos = [await jpegWithGps(1200, 900), await plainJpeg(1000, 2400), await plainPng(900, 700)];
        for (const [i, text] of STEPS.entries()) {
          const attachments = i < 2 ? photos.slice(i * 2, i * 2 + 2).map((p) => inlineImage(fake.addInlineImage(p))) : [];
          await dm(TEAMS_MARIE, text, attachments);
        }
        await dm(TEAMS_MARIE, 'terminé');
        const question = fake.sent(MARIE_CHAT).findLast((c) => c.body?.attachments?.length)!;
        const menu = question.body.attachments[0].content.body.find((b: any) => b.type === 'Input.ChoiceSet');
        // Eight categories: every one is offered (in the menu), none hidden past six buttons.
        expect(menu.choices.map((c: any) => c.title)).toEqual(app.config.categories);
        const submit = question.body.attachments[0].content.actions[0];
        await post(
          activity('card-submit', {
            id: fake.nextId(),
            from: TEAMS_MARIE,
            replyToId: question.activityId,
            value: { ...submit.data, [menu.id]: menu.choices.at(-1).value },
          }),
        );

        // The preview: the whole steps in plain messages just before it, each within the budget.
        // Replies go after the commit: wait for the card (sent after the whole steps).
        const preview = await waitFor('the preview', () =>
          fake.sent(MARIE_CHAT).find((c) => c.body?.attachments?.[0]?.content?.body?.some((b: any) => b.type === 'FactSet')),
        );
        const sentToMarie = fake.sent(MARIE_CHAT);
        const afterCategory = sentToMarie.slice(sentToMarie.indexOf(question) + 1, sentToMarie.indexOf(preview) + 1);
        const card = preview.body.attachments[0].content;
        expect(JSON.stringify(card)).toContain(STEPS[0].slice(0, 30));
        expect(JSON.stringify(card)).toContain('Les étapes sont raccourcies ici');
        expect(card.actions.map((a: any) => a.title)).toEqual(['Publier', 'Modifier', 'Annuler']);
        const whole = afterCategory
          .slice(0, -1)
          .map((c) => c.body.text)
          .join('');
        for (const [i, text] of STEPS.entries())
          expect(whole).toContain(`<b>${i + 1}.</b> ${text.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}`);

        await dm(TEAMS_MARIE, 'publier');
        const posted = await waitFor('the card in the channel', () => fake.sent(TEAMS_CHANNEL).at(-1));
        const photo = posted.body.attachments[0].content.body.find((b: any) => b.type === 'Image');
        expect(photo.url).toMatch(image);
        if (publicUrl) {
          // What Teams would load: the JPEG, served by the gallery, within 1024×1024.
          const res = await fetch(`${app.url}${new URL(photo.url).pathname}`);
          expect(res.headers.get('content-type')).toBe('image/jpeg');
        }

        // Everything sent: within 24 KB, never refused, every card valid with at most six actions.
        const sent = fake.calls.filter((c) => c.method === 'POST' || c.method === 'PUT');
        expect(sent.length).toBeGreaterThan(25);
        expect(Math.max(...sent.map((c) => c.bytes ?? 0))).toBeLessThanOrEqual(KB24);
        expect(fake.calls.filter((c) => c.method.includes('refused'))).toEqual([]);
        expect(fake.cardProblems).toEqual([]);
      },
      JOURNEY_MS,
    );
  });

  describe.each([{ publicUrl: null }, { publicUrl: 'https://galerie.mairie.example' }])(
    'a maximal draft through Slack (PUBLIC_URL $publicUrl)',
    ({ publicUrl }) => {
      it(
        'keeps the preview and the post within Block Kit limits, its photo a JPEG',
        async () => {
          const SECRET = 'max-draft-secret';
          const fake: FakeSlack = await startFakeSlack();
          close = () => fake.close();
          fake.addUser({ id: MARIE, name: 'marie', displayName: 'Marie Dupont', fields: { Xf0MAIRIE: '11e' } });
          dir = tempDir();
          app = await bootApp({ ...slackEnv(fake, SECRET), ...(publicUrl ? { PUBLIC_URL: publicUrl } : {}) }, dir.dir, engine);
          const drive = slackDriver(fake, () => app!, SECRET);
          const dm = (text: string, files: FakeFileMeta[] = []) => drive.dm(MARIE, text, files);

          await dm('nouveau');
          await dm(TITLE);
          await dm(PROBLEM);
          const photo = fake.addFile(await plainJpeg(1000, 2400), 'grand.jpg', 'image/jpeg', MARIE);
          for (const [i, text] of STEPS.entries()) await dm(text, i === 0 ? [photo] : []);
          await dm('terminé');
          await dm('8');
          // Replies are sent after the commit: wait for the preview card.
          const preview = await waitFor('the preview', () =>
            fake.callsTo('chat.postMessage').find((c) => (c.args.blocks as any[] | undefined)?.[0]?.type === 'header'),
          );
          const blocks = preview.args.blocks as any[];
          expect(blockKitProblems(blocks)).toEqual([]);
          // Every step is there, each section within 3,000 characters.
          expect(blocks.filter((b) => b.type === 'section')).toHaveLength(21);
          expect(blocks.length).toBeLessThanOrEqual(50);
          expect(blocks.some((b) => b.type === 'image')).toBe(publicUrl !== null);

          await dm('publier');
          const post = await waitFor('the card in the channel', () =>
            fake.callsTo('chat.postMessage').find((c) => c.args.channel === CHANNEL),
          );
          expect(blockKitProblems(post.args.blocks)).toEqual([]);
          // Nothing was refused along the way.
          const refused = fake.calls.filter((c) => c.method === 'chat.postMessage' || c.method === 'chat.update');
          expect(refused.every((c) => blockKitProblems(c.args.blocks).length === 0)).toBe(true);
          if (publicUrl) {
            const image = post.args.blocks.find((b: any) => b.type === 'image');
            expect(image.image_url).toMatch(/^https:\/\/galerie\.mairie\.example\/media\/[0-9a-f]{64}-card\.jpg$/);
          } else {
            // Slack cannot reach the gallery: the JPEG is uploaded in the post's thread.
            await waitFor('the photo uploaded', () => fake.callsTo('files.completeUploadExternal').length > 0);
            const uploaded = fake.messages.find((m) => m.channel === CHANNEL && m.subtype === 'file_share');
            expect(uploaded?.files?.[0]).toMatchObject({ mimetype: 'image/jpeg' });
          }
        },
        JOURNEY_MS,
      );
    },
  );
});
