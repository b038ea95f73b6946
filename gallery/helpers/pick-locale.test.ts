import { describe, expect, it } from 'vitest';
import { pickLocale, preferredLanguage } from './pick-locale.js';

describe('pickLocale', () => {
  it('lets ?lang= win over the browser', () => {
    expect(pickLocale('en', 'fr-FR,fr;q=0.9', 'fr')).toEqual({ locale: 'en', explicit: true });
    expect(pickLocale('fr', 'en-US', 'fr')).toEqual({ locale: 'fr', explicit: true });
  });
  it('follows the browser when no valid lang is given', () => {
    expect(pickLocale('de', 'en-GB,en;q=0.8,fr;q=0.5', 'fr')).toEqual({ locale: 'en', explicit: false });
  });
  it('falls back to the default', () => {
    expect(pickLocale(undefined, undefined, 'fr')).toEqual({ locale: 'fr', explicit: false });
    expect(pickLocale(undefined, 'de-DE', 'fr')).toEqual({ locale: 'fr', explicit: false });
  });
});

describe('preferredLanguage', () => {
  it('ranks by quality, then order', () => {
    expect(preferredLanguage('de;q=1, fr;q=0.4, en;q=0.7')).toBe('en');
    expect(preferredLanguage('fr-CA, en')).toBe('fr');
    expect(preferredLanguage('en;q=0, fr;q=0.1')).toBe('fr');
  });
});
