import { describe, expect, it } from 'vitest';
import { CENTRAL_MAIRIE_SLUG, canonicalMairie, MAIRIES, mairieBySlug, mairieLabel, parseMairie } from './mairies.js';

describe('the list of mairies', () => {
  it('has the 20 arrondissements and the Hôtel de Ville, each with unique slugs and both labels', () => {
    expect(MAIRIES).toHaveLength(21);
    expect(new Set(MAIRIES.map((m) => m.slug)).size).toBe(21);
    expect(mairieBySlug('paris-12')).toMatchObject({ number: 12, fr: 'Mairie du 12e', en: '12th arrondissement town hall' });
    expect(mairieBySlug('paris-1')).toMatchObject({ fr: 'Mairie du 1er', en: '1st arrondissement town hall' });
    expect(mairieBySlug('paris-2')?.en).toBe('2nd arrondissement town hall');
    expect(mairieBySlug('paris-3')?.en).toBe('3rd arrondissement town hall');
    expect(mairieBySlug(CENTRAL_MAIRIE_SLUG)).toMatchObject({ number: null, fr: 'Hôtel de Ville' });
  });
});

describe('parseMairie', () => {
  it.each([
    ['12', 'paris-12'],
    ['12e', 'paris-12'],
    ['12ème', 'paris-12'],
    ['12EME', 'paris-12'],
    ['douzième', 'paris-12'],
    ['Mairie du 12e', 'paris-12'],
    ['mairie du douzieme arrondissement', 'paris-12'],
    ['paris 12', 'paris-12'],
    ['paris-12', 'paris-12'],
    ['75012', 'paris-12'],
    ['75116', 'paris-16'],
    ['12th arrondissement town hall', 'paris-12'],
    ['1', 'paris-1'],
    ['1er', 'paris-1'],
    ['mairie du premier', 'paris-1'],
    ['dix-huitième', 'paris-18'],
    ['Paris 11ème', 'paris-11'],
    ['20e arrondissement', 'paris-20'],
    ['Hôtel de Ville', CENTRAL_MAIRIE_SLUG],
    ['HOTEL DE VILLE', CENTRAL_MAIRIE_SLUG],
    ['hotel-de-ville', CENTRAL_MAIRIE_SLUG],
    ['HdV', CENTRAL_MAIRIE_SLUG],
  ])('%s → %s', (input, slug) => expect(parseMairie(input)?.slug).toBe(slug));

  it('refuses what names no Paris town hall', () => {
    for (const input of ['21', '0', 'Lyon', '', '   ', '2012', 'mairie', '123']) expect(parseMairie(input)).toBeNull();
    expect(parseMairie(null)).toBeNull();
  });

  it('gives the slug to store, or null', () => {
    expect(canonicalMairie('11e')).toBe('paris-11');
    expect(canonicalMairie('Mairie de Lyon')).toBeNull();
    expect(canonicalMairie(undefined)).toBeNull();
  });
});

describe('mairieLabel', () => {
  it('labels a slug in each language, and shows a legacy value as stored', () => {
    expect(mairieLabel('paris-11', 'fr')).toBe('Mairie du 11e');
    expect(mairieLabel('paris-11', 'en')).toBe('11th arrondissement town hall');
    expect(mairieLabel('hotel-de-ville', 'fr')).toBe('Hôtel de Ville');
    expect(mairieLabel('Annexe Bercy', 'fr')).toBe('Annexe Bercy');
    expect(mairieLabel('  ', 'fr')).toBeNull();
    expect(mairieLabel(null, 'en')).toBeNull();
  });
});
