/**
 * The Teams app package an IT person uploads: `manifest.json` (bot in personal and team scopes,
 * file support, the resource-specific permission `ChannelMessage.Read.Group` so the bot receives
 * thread replies that do not @mention it and Graph can read them back, `webApplicationInfo`), a
 * 192×192 colour icon and a 32×32 white-on-transparent outline icon, zipped flat as Teams expects.
 * The manifest is typed with `@microsoft/teams-manifest` and validated against the JSON schema it
 * declares before the zip is written.
 */
import zlib from 'node:zlib';
import { ManifestUtil, type TeamsAppManifest } from '@microsoft/teams-manifest';
import sharp from 'sharp';

export const MANIFEST_VERSION = '1.19';
export const MANIFEST_SCHEMA = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`;

export interface PackageOptions {
  appId: string;
  /** The gallery's public address: links and the web application's domain. */
  publicUrl: string;
  version: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function buildManifest(options: PackageOptions): TeamsAppManifest {
  if (!GUID.test(options.appId)) throw new Error(`TEAMS_APP_ID must be the bot's Entra app id (a GUID), got "${options.appId}"`);
  const host = new URL(options.publicUrl).host;
  const manifest = {
    $schema: MANIFEST_SCHEMA,
    manifestVersion: MANIFEST_VERSION,
    version: options.version,
    id: options.appId,
    developer: {
      name: "L'agent bricoleur",
      websiteUrl: options.publicUrl,
      privacyUrl: `${options.publicUrl}/`,
      termsOfUseUrl: `${options.publicUrl}/`,
    },
    name: { short: "L'agent bricoleur", full: "L'agent bricoleur — les astuces des mairies de Paris" },
    description: {
      short: 'Partagez vos bricolages avec les collègues des 20 mairies.',
      full:
        'Un bot qui vous guide pas à pas pour publier un bricolage (une astuce qui améliore vos outils de travail) ' +
        'avec photos dans le canal de la communauté. Les réactions sont des « j’aime », les réponses dans le fil ' +
        'des commentaires, et tout est visible dans la galerie.',
    },
    icons: { color: 'color.png', outline: 'outline.png' },
    accentColor: '#2B6CB0',
    bots: [
      {
        botId: options.appId,
        scopes: ['personal', 'team'],
        supportsFiles: true,
        isNotificationOnly: false,
        commandLists: [
          {
            scopes: ['personal'],
            commands: [
              { title: 'nouveau', description: 'Partager un bricolage, pas à pas' },
              { title: 'chercher', description: 'Retrouver un bricolage' },
              { title: 'aide', description: 'Ce que je sais faire' },
            ],
          },
        ],
      },
    ],
    permissions: ['identity', 'messageTeamMembers'],
    validDomains: [host],
    webApplicationInfo: { id: options.appId, resource: `api://${host}/${options.appId}` },
    authorization: {
      permissions: { resourceSpecific: [{ name: 'ChannelMessage.Read.Group', type: 'Application' }] },
    },
  };
  return manifest as TeamsAppManifest;
}

/** The two icons, drawn here so the repository holds no binary: a wrench on the accent colour. */
export async function buildIcons(): Promise<{ color: Buffer; outline: Buffer }> {
  const wrench =
    'M22.7 19l-9.1-9.1c.9-2.3.4-5-1.5-6.9-2-2-5-2.4-7.4-1.3L9 6 6 9 1.6 4.7C.4 7.1.9 10.1 2.9 12.1c1.9 1.9 4.6 2.4 6.9 1.5l9.1 9.1c.4.4 1 .4 1.4 0l2.3-2.3c.5-.4.5-1.1.1-1.4z';
  const color = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="192" height="192" viewBox="0 0 192 192">` +
      `<rect width="192" height="192" rx="36" fill="#2B6CB0"/>` +
      `<g transform="translate(40 40) scale(4.6)"><path d="${wrench}" fill="#ffffff"/></g></svg>`,
  );
  const outline = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32">` +
      `<g transform="translate(4 4)"><path d="${wrench}" fill="#ffffff"/></g></svg>`,
  );
  return {
    color: await sharp(color).png().toBuffer(),
    outline: await sharp(outline).ensureAlpha().png().toBuffer(),
  };
}

/** 1980-01-01, the zip epoch: a fixed date keeps the package byte-for-byte reproducible. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/** A minimal zip (deflate, no folders): all Teams needs for its three files. */
export function zip(entries: { name: string; data: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const compressed = zlib.deflateRawSync(data);
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0, 10); // 00:00
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, compressed);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Validates against the declared schema: fetched from its URL, or read from `schema` when given. */
export async function validateManifest(manifest: TeamsAppManifest, schema?: object): Promise<string[]> {
  return schema ? ManifestUtil.validateManifestAgainstSchema(manifest, schema as never) : ManifestUtil.validateManifest(manifest);
}

export async function buildAppPackage(
  options: PackageOptions,
  validation: { schema?: object; skip?: boolean } = {},
): Promise<{ zip: Buffer; manifest: TeamsAppManifest; errors: string[] }> {
  const manifest = buildManifest(options);
  const errors = validation.skip ? [] : await validateManifest(manifest, validation.schema);
  const icons = await buildIcons();
  return {
    manifest,
    errors,
    zip: zip([
      { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) },
      { name: 'color.png', data: icons.color },
      { name: 'outline.png', data: icons.outline },
    ]),
  };
}
