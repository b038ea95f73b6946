import { describe, expect, it } from 'vitest';
import { fr } from '../../bot/messages/fr.js';
import { renderTeamsText } from './text.js';

describe('Teams rendering of the formatting contract', () => {
  it('renders bold, links and line breaks as Teams HTML', () => {
    expect(renderTeamsText('*2/5 — Quel problème ?* Décrivez-le\nGalerie : https://g.example/b/1?x=1&y=2')).toBe(
      '<b>2/5 — Quel problème ?</b> Décrivez-le<br>Galerie : <a href="https://g.example/b/1?x=1&amp;y=2">https://g.example/b/1?x=1&amp;y=2</a>',
    );
  });

  it('escapes what agents typed: no tag, no attribute, no entity survives', () => {
    expect(renderTeamsText('Je n’ai pas compris « <img src=x onerror="alert(1)"> & co »')).toBe(
      'Je n’ai pas compris « &lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; co »',
    );
  });

  it('renders a whole catalogue string', () => {
    const html = renderTeamsText(fr.help);
    expect(html).toContain('<b>nouveau</b>');
    expect(html).toContain('&lt;mots&gt;');
    expect(html.split('<br>')).toHaveLength(fr.help.split('\n').length);
  });
});
