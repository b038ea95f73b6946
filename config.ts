/**
 * Environment → frozen, typed configuration, parsed once at start. A chat platform is on only when
 * its settings are complete; a half-configured one is an error naming the missing variable.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isValidCron } from './domain/cron.js';
import { PROVEN_MIN_MAIRIES_DEFAULT } from './domain/scoring.js';

export type Locale = 'fr' | 'en';

export const DEFAULT_CATEGORIES = [
  "Accueil et files d'attente",
  'Courrier et documents',
  'Affichage et signalétique',
  'Tableurs et outils numériques',
  'Organisation du poste',
  'État civil',
  'Élections',
  'Autre',
] as const;

export interface SlackConfig {
  botToken: string;
  signingSecret: string;
  appToken: string | null;
  channelId: string;
  apiUrl: string;
  mairieField: string | null;
}

/** Microsoft Teams (adapters/teams). `allowUnauthenticated` is the Agents Playground / test switch. */
export interface TeamsConfig {
  /** Bot (Entra app) id; a placeholder in unauthenticated mode when unset. */
  appId: string;
  /** Client secret; null only in unauthenticated mode (then no Microsoft login is attempted). */
  appPassword: string | null;
  tenantId: string | null;
  /** The team channel where bricolages are posted (`19:…@thread.tacv2`). */
  channelId: string;
  /** The team's Microsoft 365 group id, for the Graph reconciliation; null disables it. */
  teamId: string | null;
  /** Bot Connector base URL for proactive sends (Teams: the tenant's regional service URL). */
  serviceUrl: string;
  /** Microsoft Graph base URL (`https://graph.microsoft.com`; a fake in tests). */
  graphUrl: string;
  allowUnauthenticated: boolean;
}

/** An S3-compatible object store for the photos (`MEDIA_STORE=s3`). */
export interface S3Settings {
  /** `S3_ENDPOINT`: the service's base URL (`https://s3.fr-par.scw.cloud`, `http://minio:9000`). */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `S3_FORCE_PATH_STYLE`: `endpoint/bucket/key` addresses (MinIO) rather than `bucket.endpoint/key`. */
  forcePathStyle: boolean;
}

/** Where photo files live (`MEDIA_STORE`): a local folder (the default) or an object store. */
export type MediaSettings = { store: 'local'; dir: string } | { store: 's3'; s3: S3Settings };

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseFile: string;
  /** `DATABASE_URL`: a `postgres://` URL selects PostgreSQL; null keeps SQLite at `databaseFile`. */
  databaseUrl: string | null;
  /** `DATABASE_POOL_SIZE`: PostgreSQL connections per instance. */
  databasePoolSize: number;
  /** Where the photos are stored: `DATA_DIR/media`, or the S3 bucket (`storage/media/`). */
  media: MediaSettings;
  /** Base URL of the gallery as agents reach it, without trailing slash. */
  publicUrl: string;
  /** True when PUBLIC_URL was set explicitly (the gallery is reachable from outside this machine). */
  publicUrlIsSet: boolean;
  seedDemo: boolean;
  maxPhotoBytes: number;
  defaultLocale: Locale;
  categories: readonly string[];
  localChat: boolean;
  slack: SlackConfig | null;
  teams: TeamsConfig | null;
  /** Animateurs from `ANIMATORS`, as `platform:userId` (`slack:U123`, `teams:<Entra object id>`, `local:julien`). */
  animators: readonly string[];
  /** When the weekly digest is posted: `DIGEST_CRON`, a 5-field cron pattern in Paris time. */
  digestCron: string;
  // ops: retries, retention, rate limits
  /** Processing attempts of an inbox event before it is kept aside (INBOX_MAX_ATTEMPTS). */
  inboxMaxAttempts: number;
  /** First retry delay; doubles per attempt up to 5 minutes (INBOX_RETRY_BASE_MS). */
  inboxRetryBaseMs: number;
  /** PostgreSQL: how long an instance's claim on an inbox row holds; a killed one's rows are taken over after it (INBOX_LEASE_MS). */
  inboxLeaseMs: number;
  /** Processed inbox rows and orphan local uploads older than this are pruned (RETENTION_DAYS). */
  retentionDays: number;
  /** Local chat writes per minute per client (RATE_LIMIT_PER_MINUTE). */
  rateLimitPerMinute: number;
  /** Requests per minute per client address on platform endpoints like `/slack/events` (INBOUND_RATE_LIMIT_PER_MINUTE). */
  inboundRateLimitPerMinute: number;
  /** `PROVEN_MIN_MAIRIES`: other mairies that must adopt a bricolage (one with feedback) for it to be proven. */
  provenMinMairies: number;
  // local chat hosts (DNS rebinding)
  /**
   * Host names the local chat answers to (lower case, without port): `localhost`, `127.0.0.1`,
   * `[::1]`, the host of `PUBLIC_URL`, and `LOCAL_CHAT_HOSTS`. Any other `Host` is refused.
   */
  localChatHosts: readonly string[];
}

export class ConfigError extends Error {
  readonly variable: string;

  constructor(variable: string, message: string) {
    super(`${variable}: ${message}`);
    this.variable = variable;
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function text(env: Env, name: string): string | null {
  const value = env[name]?.trim();
  return value ? value : null;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const value = text(env, name);
  if (value === null) return fallback;
  if (/^(1|true|yes|on|oui)$/i.test(value)) return true;
  if (/^(0|false|no|off|non)$/i.test(value)) return false;
  throw new ConfigError(name, `expected true or false, got "${value}"`);
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = text(env, name);
  if (value === null) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(name, `expected a whole number from ${min} to ${max}, got "${value}"`);
  }
  return n;
}

function url(env: Env, name: string, fallback: string): string {
  const value = text(env, name) ?? fallback;
  try {
    const parsed = new URL(value);
    if (!/^https?:$/.test(parsed.protocol)) throw new Error('not http');
  } catch {
    throw new ConfigError(name, `expected an http(s) URL, got "${value}"`);
  }
  return value.replace(/\/+$/, '');
}

/** Reads the settings of one platform: all-or-nothing, naming the first missing variable. */
function group(env: Env, required: string[]): Record<string, string> | null {
  const present = required.filter((name) => text(env, name) !== null);
  if (present.length === 0) return null;
  const missing = required.find((name) => text(env, name) === null);
  if (missing) throw new ConfigError(missing, `is required when ${present.join(', ')} is set`);
  return Object.fromEntries(required.map((name) => [name, text(env, name)!]));
}

function slackConfig(env: Env): SlackConfig | null {
  const g = group(env, ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_CHANNEL_ID']);
  if (!g) {
    for (const optional of ['SLACK_APP_TOKEN', 'SLACK_API_URL', 'SLACK_MAIRIE_FIELD']) {
      if (text(env, optional)) throw new ConfigError('SLACK_BOT_TOKEN', `is required when ${optional} is set`);
    }
    return null;
  }
  return Object.freeze({
    botToken: g.SLACK_BOT_TOKEN,
    signingSecret: g.SLACK_SIGNING_SECRET,
    appToken: text(env, 'SLACK_APP_TOKEN'),
    channelId: g.SLACK_CHANNEL_ID,
    apiUrl: url(env, 'SLACK_API_URL', 'https://slack.com/api') + '/',
    mairieField: text(env, 'SLACK_MAIRIE_FIELD'),
  });
}

const PLAYGROUND_APP_ID = '00000000-0000-0000-0000-000000000000';

function teamsConfig(env: Env): TeamsConfig | null {
  const unauthenticated = bool(env, 'TEAMS_ALLOW_UNAUTHENTICATED', false);
  const optional = ['TEAMS_SERVICE_URL', 'TEAMS_GRAPH_URL', 'TEAMS_TEAM_ID'];
  if (unauthenticated) {
    if (text(env, 'NODE_ENV') === 'production') {
      throw new ConfigError(
        'TEAMS_ALLOW_UNAUTHENTICATED',
        'is refused when NODE_ENV=production: Teams requests must be signed (set TEAMS_APP_ID, TEAMS_APP_PASSWORD, TEAMS_TENANT_ID instead)',
      );
    }
    for (const name of ['TEAMS_SERVICE_URL', 'TEAMS_CHANNEL_ID']) {
      if (!text(env, name)) throw new ConfigError(name, 'is required when TEAMS_ALLOW_UNAUTHENTICATED is set');
    }
    return Object.freeze({
      appId: text(env, 'TEAMS_APP_ID') ?? PLAYGROUND_APP_ID,
      appPassword: null,
      tenantId: text(env, 'TEAMS_TENANT_ID'),
      channelId: text(env, 'TEAMS_CHANNEL_ID')!,
      teamId: text(env, 'TEAMS_TEAM_ID'),
      serviceUrl: url(env, 'TEAMS_SERVICE_URL', ''),
      graphUrl: url(env, 'TEAMS_GRAPH_URL', 'https://graph.microsoft.com'),
      allowUnauthenticated: true,
    });
  }
  const g = group(env, ['TEAMS_APP_ID', 'TEAMS_APP_PASSWORD', 'TEAMS_TENANT_ID', 'TEAMS_CHANNEL_ID']);
  if (!g) {
    for (const name of optional) {
      if (text(env, name)) throw new ConfigError('TEAMS_APP_ID', `is required when ${name} is set`);
    }
    return null;
  }
  return Object.freeze({
    appId: g.TEAMS_APP_ID,
    appPassword: g.TEAMS_APP_PASSWORD,
    tenantId: g.TEAMS_TENANT_ID,
    channelId: g.TEAMS_CHANNEL_ID,
    teamId: text(env, 'TEAMS_TEAM_ID'),
    serviceUrl: url(env, 'TEAMS_SERVICE_URL', 'https://smba.trafficmanager.net/teams'),
    graphUrl: url(env, 'TEAMS_GRAPH_URL', 'https://graph.microsoft.com'),
    allowUnauthenticated: false,
  });
}

const PLATFORMS = ['slack', 'teams', 'local'];

/** `ANIMATORS`: comma-separated platform-qualified ids; the id may itself hold colons (Teams). */
function animators(env: Env): readonly string[] {
  const entries = (text(env, 'ANIMATORS') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const colon = entry.indexOf(':');
    if (colon < 0 || !PLATFORMS.includes(entry.slice(0, colon)) || !entry.slice(colon + 1).trim()) {
      throw new ConfigError('ANIMATORS', `expected platform:userId (platform slack, teams or local), got "${entry}"`);
    }
  }
  return Object.freeze([...new Set(entries)]);
}

// local chat hosts (DNS rebinding)
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/** `LOCAL_CHAT_HOSTS`: extra host names (a LAN demo), separated by commas; a port is ignored. */
function localChatHosts(env: Env, publicUrl: string): readonly string[] {
  const extra = (text(env, 'LOCAL_CHAT_HOSTS') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const name = hostName(entry);
      if (!name) throw new ConfigError('LOCAL_CHAT_HOSTS', `expected host names separated by commas, got "${entry}"`);
      return name;
    });
  return Object.freeze([...new Set([...LOOPBACK_HOSTS, new URL(publicUrl).hostname.toLowerCase(), ...extra])]);
}

/** The host name of a `Host` header value (`Exemple.lan:3000` → `exemple.lan`, `[::1]:3000` → `[::1]`); null if unreadable. */
export function hostName(host: string): string | null {
  if (!/^[A-Za-z0-9.\-[\]:]+$/.test(host)) return null;
  try {
    const name = new URL(`http://${host}/`).hostname.toLowerCase();
    return name || null;
  } catch {
    return null;
  }
}

/** Whether `HOST` (the interface to listen on) keeps the server on this machine. */
export function isLoopbackInterface(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

/** `DIGEST_CRON`: checked here so a typo stops the start instead of silently never posting. */
function digestCron(env: Env): string {
  const value = text(env, 'DIGEST_CRON') ?? '0 9 * * 1';
  if (!isValidCron(value)) {
    throw new ConfigError('DIGEST_CRON', `expected a 5-field cron pattern in Paris time such as "0 9 * * 1", got "${value}"`);
  }
  return value;
}

const S3_REQUIRED = ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'];
const S3_OPTIONAL = ['S3_REGION', 'S3_FORCE_PATH_STYLE'];

/** S3's bucket naming rules: 3–63 lower-case letters, digits, dots and hyphens, a letter or digit at each end. */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * `MEDIA_STORE`: `local` (the default, `DATA_DIR/media`) or `s3` with its settings. S3 settings
 * without `MEDIA_STORE=s3` stop the start: photos silently kept on one machine's disk would be lost
 * behind a load balancer. Secret values are never repeated in a message.
 */
function mediaSettings(env: Env, dataDir: string): MediaSettings {
  const store = text(env, 'MEDIA_STORE') ?? 'local';
  if (store !== 'local' && store !== 's3') throw new ConfigError('MEDIA_STORE', `expected local or s3, got "${store}"`);
  if (store === 'local') {
    const set = [...S3_REQUIRED, ...S3_OPTIONAL].find((name) => text(env, name) !== null);
    if (set) {
      throw new ConfigError(
        'MEDIA_STORE',
        `${set} is set but MEDIA_STORE is not s3: set MEDIA_STORE=s3 to keep the photos in the object store, or remove the S3_ settings`,
      );
    }
    return Object.freeze({ store, dir: path.join(dataDir, 'media') });
  }
  const missing = S3_REQUIRED.find((name) => text(env, name) === null);
  if (missing) throw new ConfigError(missing, `is required when MEDIA_STORE=s3 (needed: ${S3_REQUIRED.join(', ')})`);
  const bucket = text(env, 'S3_BUCKET')!;
  if (!BUCKET_NAME.test(bucket) || bucket.includes('..')) {
    throw new ConfigError(
      'S3_BUCKET',
      `expected a bucket name (3 to 63 lower-case letters, digits, dots and hyphens), got "${bucket.slice(0, 80)}"`,
    );
  }
  const region = text(env, 'S3_REGION') ?? 'us-east-1';
  if (!/^[a-z0-9-]{2,40}$/i.test(region)) {
    throw new ConfigError('S3_REGION', `expected a region name such as fr-par or us-east-1, got "${region.slice(0, 80)}"`);
  }
  return Object.freeze({
    store,
    s3: Object.freeze({
      endpoint: url(env, 'S3_ENDPOINT', ''),
      bucket,
      region,
      accessKeyId: text(env, 'S3_ACCESS_KEY_ID')!,
      secretAccessKey: text(env, 'S3_SECRET_ACCESS_KEY')!,
      forcePathStyle: bool(env, 'S3_FORCE_PATH_STYLE', false),
    }),
  });
}

/** `DATABASE_URL`: PostgreSQL only (SQLite needs no URL: it lives under `DATA_DIR`). */
function databaseUrl(env: Env): string | null {
  const value = text(env, 'DATABASE_URL');
  if (value === null) return null;
  if (!/^postgres(ql)?:\/\/./i.test(value)) {
    throw new ConfigError(
      'DATABASE_URL',
      'expected a PostgreSQL URL such as postgres://user@host:5432/bricoleur (leave it unset for SQLite)',
    );
  }
  return value;
}

export function loadConfig(env: Env = process.env): Config {
  const port = int(env, 'PORT', 3000, 0, 65535);
  const dataDir = path.resolve(text(env, 'DATA_DIR') ?? './data');
  const locale = text(env, 'DEFAULT_LOCALE') ?? 'fr';
  if (locale !== 'fr' && locale !== 'en') throw new ConfigError('DEFAULT_LOCALE', `expected fr or en, got "${locale}"`);
  const categories = text(env, 'CATEGORIES')
    ?.split(/[;\n]/)
    .map((c) => c.trim())
    .filter(Boolean) ?? [...DEFAULT_CATEGORIES];
  if (categories.length < 2) throw new ConfigError('CATEGORIES', 'expected at least two categories separated by ";"');
  const slack = slackConfig(env);
  const teams = teamsConfig(env);
  const localChatSetting = text(env, 'LOCAL_CHAT');
  const localChat =
    localChatSetting === null || localChatSetting === 'auto' ? slack === null && teams === null : bool(env, 'LOCAL_CHAT', true);
  const publicUrlIsSet = text(env, 'PUBLIC_URL') !== null;
  const publicUrl = url(env, 'PUBLIC_URL', `http://localhost:${port}`);
  return Object.freeze({
    port,
    host: text(env, 'HOST') ?? '127.0.0.1',
    dataDir,
    databaseFile: path.join(dataDir, 'bricoleur.sqlite'),
    databaseUrl: databaseUrl(env),
    databasePoolSize: int(env, 'DATABASE_POOL_SIZE', 10, 1, 1000),
    media: mediaSettings(env, dataDir),
    publicUrl,
    publicUrlIsSet,
    seedDemo: bool(env, 'SEED_DEMO', true),
    maxPhotoBytes: int(env, 'MAX_PHOTO_MB', 15, 1, 200) * 1024 * 1024,
    defaultLocale: locale,
    categories: Object.freeze(categories),
    localChat,
    slack,
    teams,
    animators: animators(env),
    digestCron: digestCron(env),
    // ops
    inboxMaxAttempts: int(env, 'INBOX_MAX_ATTEMPTS', 5, 1, 100),
    inboxRetryBaseMs: int(env, 'INBOX_RETRY_BASE_MS', 1000, 1, 3_600_000),
    inboxLeaseMs: int(env, 'INBOX_LEASE_MS', 15_000, 500, 3_600_000),
    retentionDays: int(env, 'RETENTION_DAYS', 30, 1, 3650),
    rateLimitPerMinute: int(env, 'RATE_LIMIT_PER_MINUTE', 600, 1, 1_000_000),
    inboundRateLimitPerMinute: int(env, 'INBOUND_RATE_LIMIT_PER_MINUTE', 60_000, 1, 100_000_000),
    provenMinMairies: int(env, 'PROVEN_MIN_MAIRIES', PROVEN_MIN_MAIRIES_DEFAULT, 1, 20),
    localChatHosts: localChatHosts(env, publicUrl),
  });
}

/** Reads `.env` into `process.env` when present, with Node's own parser (real variables win). */
export function loadDotEnv(file = '.env'): void {
  if (fs.existsSync(file)) process.loadEnvFile(file);
}

/** Hosts a plain `http` PUBLIC_URL may name without a warning: this machine only. */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * What is worth a warning at start without stopping it. A chat platform with a plain `http`
 * PUBLIC_URL (other than this machine): Teams will not load card images over http, and Slack and
 * Teams clients show the gallery links as insecure.
 */
export function configWarnings(config: Config): string[] {
  const warnings: string[] = [];
  const url = new URL(config.publicUrl);
  if ((config.slack || config.teams) && url.protocol === 'http:' && !LOCAL_HOSTS.has(url.hostname)) {
    const platforms = [config.slack && 'Slack', config.teams && 'Teams'].filter(Boolean).join(' and ');
    warnings.push(
      `PUBLIC_URL is plain http (${url.host}) with ${platforms} on: Teams does not load card images over http and chat clients mark the links insecure; use https`,
    );
  }
  if (config.media.store === 's3') {
    const endpoint = new URL(config.media.s3.endpoint);
    if (endpoint.protocol === 'http:' && !LOCAL_HOSTS.has(endpoint.hostname)) {
      warnings.push(`S3_ENDPOINT is plain http (${endpoint.host}): the photos travel to the object store unencrypted; use https`);
    }
  }
  return warnings;
}
