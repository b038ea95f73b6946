/**
 * What Teams would make of an Adaptive Card: Microsoft's Adaptive Card 1.5 JSON schema (vendored in
 * `test/fixtures/adaptive-cards/`, draft-06, checked with ajv) plus the limits of Teams' host config
 * that the schema does not state: at most six actions shown per card (more are hidden), and card
 * images in PNG, JPEG or GIF only (an https URL or a data URI), never the gallery's WebP.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

const require = createRequire(import.meta.url);
// ajv-formats is CommonJS with a default export: its function is `.default` under NodeNext.
const addFormats = (addFormatsModule as unknown as { default: typeof addFormatsModule.default }).default ?? addFormatsModule;

const SCHEMA_FILE = path.resolve(import.meta.dirname, '../fixtures/adaptive-cards/adaptive-card-1.5.schema.json');
/** Teams' host config: `actions.maxActions`. */
export const TEAMS_MAX_ACTIONS = 6;

let validate: ValidateFunction | null = null;

function validator(): ValidateFunction {
  if (validate) return validate;
  const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8'));
  // The schema is draft-06 (`id`, not `$id`) and carries documentation keywords of its own
  // (`version`, `features`…): not strict, draft-06 meta-schema added.
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
  delete schema.id;
  validate = ajv.compile(schema);
  return validate;
}

function walk(node: unknown, visit: (element: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) for (const item of node) walk(item, visit);
  else if (node && typeof node === 'object') {
    visit(node as Record<string, unknown>);
    for (const value of Object.values(node)) walk(value, visit);
  }
}

/** The problems of one card (empty when Teams shows it whole). */
export function adaptiveCardProblems(card: unknown): string[] {
  const problems: string[] = [];
  // `msteams` is Teams' documented host extension (full width); the schema itself does not list it.
  const { msteams: _msteams, ...standard } = (card ?? {}) as Record<string, unknown>;
  const check = validator();
  if (!check(standard)) {
    // The schema's many `anyOf` branches repeat each error: each once, the first few.
    const seen = new Set((check.errors ?? []).map((e) => `schema: ${e.instancePath || '/'} ${e.message}`));
    problems.push(...[...seen].slice(0, 8));
  }
  const actions = (standard.actions as unknown[] | undefined) ?? [];
  if (actions.length > TEAMS_MAX_ACTIONS) problems.push(`${actions.length} actions: Teams shows ${TEAMS_MAX_ACTIONS}`);
  walk(standard, (element) => {
    if (element.type !== 'Image' || typeof element.url !== 'string') return;
    const url = element.url;
    const ok = url.startsWith('data:')
      ? /^data:image\/(png|jpeg|gif);base64,/.test(url)
      : /^https?:\/\/[^\s]+\.(png|jpe?g|gif)$/i.test(url.split(/[?#]/)[0]);
    if (!ok) problems.push(`image not PNG, JPEG or GIF: ${url.slice(0, 80)}`);
  });
  return problems;
}
