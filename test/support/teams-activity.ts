/**
 * Bot Framework activities for tests: a saved fixture (`test/fixtures/teams/*.json`, shaped as
 * Microsoft's documentation shows them) with overrides deep-merged on top, so each test states only
 * what differs. `null` in an override deletes the field.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/teams');

export type FixtureName =
  | 'personal-message'
  | 'personal-message-inline-image'
  | 'personal-message-file'
  | 'card-submit'
  | 'channel-card-submit'
  | 'reaction-added'
  | 'reaction-removed'
  | 'channel-reply'
  | 'channel-top-level'
  | 'message-edit'
  | 'message-soft-delete'
  | 'conversation-update'
  | 'conversation-update-members';

type Json = Record<string, unknown>;

function merge(base: Json, overrides: Json): Json {
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === null) delete out[key];
    else if (value && typeof value === 'object' && !Array.isArray(value) && out[key] && typeof out[key] === 'object') {
      out[key] = merge(out[key] as Json, value as Json);
    } else out[key] = value;
  }
  return out;
}

export function activity(name: FixtureName, overrides: Json = {}): Json {
  const base = JSON.parse(fs.readFileSync(path.join(DIR, `${name}.json`), 'utf8')) as Json;
  return merge(base, overrides);
}
