import { describe, expect, it } from 'vitest';
import { fr } from '../../bot/messages/fr.js';
import { renderSlackText } from './text.js';

describe('Slack rendering of the formatting contract', () => {
  it('keeps bold, links URLs and keeps line breaks', () => {
    expect(renderSlackText('*1/5 — Quel est son titre ?* Une phrase\nla galerie : https://g.example/b/12?a=1&b=2')).toBe(
      '*1/5 — Quel est son titre ?* Une phrase\nla galerie : <https://g.example/b/12?a=1&amp;b=2>',
    );
  });

  it('escapes what agents typed so it never becomes a mention, a link label or markup', () => {
    expect(renderSlackText('Je n’ai pas compris « <!channel> & <@U1> »')).toBe(
      'Je n’ai pas compris « &lt;!channel&gt; &amp; &lt;@U1&gt; »',
    );
    expect(renderSlackText('voir https://x.example/a|b')).toBe('voir <https://x.example/a%7Cb>');
  });

  it('renders a real catalogue string unchanged apart from escaping', () => {
    expect(renderSlackText(fr.help)).toBe(fr.help.replace(/</g, '&lt;').replace(/>/g, '&gt;'));
  });
});
