import { describe, expect, it } from 'vitest';
import { MARK_END, MARK_START } from '../../storage/search/search.js';
import { highlight } from './highlight.js';

describe('highlight', () => {
  it('escapes user text and marks only the matches', () => {
    expect(highlight(`<b>a</b> ${MARK_START}ticket${MARK_END} & "co"`)).toBe(
      '&lt;b&gt;a&lt;/b&gt; <mark>ticket</mark> &amp; &quot;co&quot;',
    );
  });
  it('never leaves a mark open or closes one it did not open', () => {
    expect(highlight(`x${MARK_END}y${MARK_START}z`)).toBe('xy<mark>z</mark>');
  });
});
