import { describe, expect, it } from 'vitest';
import { renderLocalText } from './text.js';

describe('local page rendering of the formatting contract', () => {
  it('turns bold, links and line breaks into runs the page builds from text nodes', () => {
    expect(renderLocalText('*Publié !* 🎉\nLa galerie : http://localhost:3000/bricolages/3')).toEqual([
      { kind: 'bold', text: 'Publié !' },
      { kind: 'text', text: ' 🎉' },
      { kind: 'break' },
      { kind: 'text', text: 'La galerie : ' },
      { kind: 'link', url: 'http://localhost:3000/bricolages/3' },
    ]);
  });

  it('keeps what agents typed as plain text: no HTML, no javascript: links', () => {
    expect(renderLocalText('« <img src=x onerror=alert(1)> javascript:alert(1) »')).toEqual([
      { kind: 'text', text: '« <img src=x onerror=alert(1)> javascript:alert(1) »' },
    ]);
    expect(renderLocalText('a * b * c')).toEqual([
      { kind: 'text', text: 'a ' },
      { kind: 'bold', text: ' b ' },
      { kind: 'text', text: ' c' },
    ]);
  });
});
