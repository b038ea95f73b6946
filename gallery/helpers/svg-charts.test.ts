import { describe, expect, it } from 'vitest';
import { barChart, horizontalBars, lineChart, matrixChart, niceMax } from './svg-charts.js';

const f = { id: 'c', title: 'Titre <b>', description: 'Desc & co' };

describe('svg charts', () => {
  it('are labelled images with escaped text', () => {
    const svg = barChart(f, ['<x>', 'b'], [3, 7]);
    expect(svg).toContain('role="img"');
    expect(svg).toContain('aria-labelledby="c-t c-d"');
    expect(svg).toContain('<title id="c-t">Titre &lt;b&gt;</title>');
    expect(svg).toContain('Desc &amp; co');
    expect(svg).toContain('&lt;x&gt;');
    expect(svg).not.toContain('<x>');
    expect(svg.match(/<rect /g)).toHaveLength(2);
  });
  it('draw every series, bar and cell', () => {
    expect(
      lineChart(
        f,
        ['a', 'b', 'c'],
        [
          { name: 'L', values: [1, 2, 3] },
          { name: 'C', values: [0, 1, 0] },
        ],
      ).match(/<polyline/g),
    ).toHaveLength(2);
    expect(horizontalBars(f, [{ label: 'A', value: 2 }]).match(/<rect /g)).toHaveLength(1);
    expect(
      matrixChart(
        f,
        ['r1', 'r2'],
        ['c1', 'c2'],
        [
          [0, 1],
          [2, 0],
        ],
      ).match(/<rect /g),
    ).toHaveLength(4);
  });
  it('rounds axes up to 1, 2 or 5 times a power of ten', () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(7)).toBe(10);
    expect(niceMax(130)).toBe(200);
    expect(niceMax(450)).toBe(500);
  });
});
