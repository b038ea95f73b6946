/**
 * The fakes answer as Slack and Teams do when a message breaks their limits: without that, no test
 * could show that the adapters keep within them.
 */
import { describe, expect, it } from 'vitest';
import { blockKitProblems } from './support/block-kit-check.js';
import { startFakeSlack } from './support/fake-slack.js';
import { CONNECTOR_MAX_ACTIVITY_BYTES, startFakeTeams } from './support/fake-teams.js';

const card = (extra: Record<string, unknown>) => ({
  type: 'message',
  attachments: [
    {
      contentType: 'application/vnd.microsoft.card.adaptive',
      content: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Bonjour' }], ...extra },
    },
  ],
});

describe('the fake Teams connector', () => {
  it('refuses an activity over ~28 KB with 413 MessageSizeTooBig, and a card the schema rejects with 400', async () => {
    const fake = await startFakeTeams();
    const send = (body: unknown) =>
      fetch(`${fake.serviceUrl}/v3/conversations/a%3Apersonal/activities`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const big = await send({ type: 'message', textFormat: 'xml', text: 'x'.repeat(CONNECTOR_MAX_ACTIVITY_BYTES) });
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ error: { code: 'MessageSizeTooBig', message: 'Message size too big' } });
    expect((await send({ type: 'message', text: 'x'.repeat(20_000) })).status).toBe(201);

    const badStyle = await send(card({ actions: [{ type: 'Action.Submit', title: 'Publier', style: 'primary' }] }));
    expect(badStyle.status).toBe(400);
    // Seven actions are accepted (Teams hides the seventh), but recorded as a problem.
    const seven = Array.from({ length: 7 }, (_, i) => ({ type: 'Action.Submit', title: `Choix ${i}`, data: { i } }));
    expect((await send(card({ actions: seven }))).status).toBe(201);
    // A WebP card image: accepted, never shown.
    expect((await send(card({ body: [{ type: 'Image', url: 'https://g.example/media/a-800.webp' }] }))).status).toBe(201);
    expect(fake.cardProblems.map((p) => p.problems.join(' | '))).toEqual([
      expect.stringMatching(/^schema: \/actions\/0\/style/),
      '7 actions: Teams shows 6',
      'image not PNG, JPEG or GIF: https://g.example/media/a-800.webp',
    ]);
    // So a suite that sent such cards fails when it closes the fake.
    await expect(fake.close()).rejects.toThrow(/cards Teams would not show whole/);
  });
});

describe('the fake Slack Web API', () => {
  it('answers invalid_blocks when a Block Kit limit is broken, as Slack does', async () => {
    const fake = await startFakeSlack();
    try {
      const post = async (blocks: unknown[]) => {
        const res = await fetch(`${fake.apiUrl.replace(/\/$/, '')}/chat.postMessage`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${fake.botToken}` },
          body: JSON.stringify({ channel: 'C1', text: 't', blocks }),
        });
        return res.json();
      };
      const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
      expect(await post([section('ok')])).toMatchObject({ ok: true });
      for (const [blocks, problem] of [
        [[section('x'.repeat(3001))], 'section text over 3000'],
        [[{ type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } }], 'header text over 150'],
        [Array.from({ length: 51 }, () => section('x')), '51 blocks'],
        [[{ type: 'image', image_url: 'https://g.example/media/a-800.webp', alt_text: 'a' }], 'not a png, jpg or gif'],
        [[{ type: 'image', image_url: 'data:image/jpeg;base64,AAAA', alt_text: 'a' }], 'http(s) URL'],
        [
          [
            {
              type: 'actions',
              elements: Array.from({ length: 26 }, (_, i) => ({
                type: 'button',
                action_id: `a${i}`,
                text: { type: 'plain_text', text: 'b' },
              })),
            },
          ],
          '26 elements',
        ],
        [
          [
            {
              type: 'actions',
              elements: [{ type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'x'.repeat(76) } }],
            },
          ],
          'button text',
        ],
        [[{ type: 'context', elements: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'x' })) }], 'over 10 elements'],
      ] as const) {
        const answer = await post(blocks as unknown[]);
        expect(answer, problem).toMatchObject({ ok: false, error: 'invalid_blocks' });
        expect(answer.errors.join(' '), problem).toContain(problem);
      }
      expect(blockKitProblems([{ type: 'image', image_url: 'https://g.example/media/a-card.jpg', alt_text: 'a' }])).toEqual([]);
    } finally {
      await fake.close();
    }
  });
});
