/**
 * `npm run teams:package`: builds the Teams app package zip from TEAMS_APP_ID and PUBLIC_URL
 * (environment or `.env`), validated against the manifest schema it declares. The schema is fetched
 * from Microsoft; offline, point TEAMS_MANIFEST_SCHEMA at a downloaded copy of it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadDotEnv } from '../../config.js';
import { buildAppPackage, MANIFEST_SCHEMA } from './app-package.js';

async function main(): Promise<void> {
  loadDotEnv();
  const appId = process.env.TEAMS_APP_ID?.trim();
  const publicUrl = process.env.PUBLIC_URL?.trim().replace(/\/+$/, '');
  if (!appId || !publicUrl) {
    console.error('TEAMS_APP_ID and PUBLIC_URL are required (the bot’s app id, and the address agents reach the gallery at).');
    process.exit(2);
  }
  const version = (JSON.parse(fs.readFileSync('package.json', 'utf8')) as { version: string }).version;
  const schemaFile = process.env.TEAMS_MANIFEST_SCHEMA?.trim();
  let result: Awaited<ReturnType<typeof buildAppPackage>>;
  try {
    result = await buildAppPackage(
      { appId, publicUrl, version },
      schemaFile ? { schema: JSON.parse(fs.readFileSync(schemaFile, 'utf8')) } : {},
    );
  } catch (error) {
    console.error(`Could not validate the manifest: ${(error as Error).message}`);
    console.error(`Offline? Download ${MANIFEST_SCHEMA} and set TEAMS_MANIFEST_SCHEMA to its path.`);
    process.exit(1);
  }
  if (result.errors.length > 0) {
    console.error(`manifest.json does not match ${MANIFEST_SCHEMA}:\n- ${result.errors.join('\n- ')}`);
    process.exit(1);
  }
  const out = path.resolve(process.argv[2] ?? 'build/agent-bricoleur-teams.zip');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, result.zip);
  console.log(`Teams app package written to ${out} (manifest ${result.manifest.manifestVersion}, bot ${appId}).`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
