import { describe, expect, it } from 'vitest';
import { ConfigError, configWarnings, DEFAULT_CATEGORIES, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('runs with no configuration at all: local chat on, French, demo seed, port 3000', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, localChat: true, slack: null, defaultLocale: 'fr', seedDemo: true });
    expect(config.categories).toEqual([...DEFAULT_CATEGORIES]);
    expect(config.maxPhotoBytes).toBe(15 * 1024 * 1024);
    expect(config.databaseFile).toMatch(/data[/\\]bricoleur\.sqlite$/);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('keeps the photos in DATA_DIR/media unless MEDIA_STORE=s3', () => {
    expect(loadConfig({ DATA_DIR: '/srv/bricoleur' }).media).toEqual({ store: 'local', dir: '/srv/bricoleur/media' });
    expect(loadConfig({ MEDIA_STORE: 'local' }).media.store).toBe('local');
  });

  it('reads the S3 settings of MEDIA_STORE=s3, naming what is missing or wrong and never a secret', () => {
    const s3 = {
      MEDIA_STORE: 's3',
      S3_ENDPOINT: 'https://s3.fr-par.scw.cloud/',
      S3_BUCKET: 'bricoleur-photos',
      S3_ACCESS_KEY_ID: 'SCWKEYID',
      S3_SECRET_ACCESS_KEY: 'very-secret',
    };
    expect(loadConfig(s3).media).toEqual({
      store: 's3',
      s3: {
        endpoint: 'https://s3.fr-par.scw.cloud',
        bucket: 'bricoleur-photos',
        region: 'us-east-1',
        accessKeyId: 'SCWKEYID',
        secretAccessKey: 'very-secret',
        forcePathStyle: false,
      },
    });
    expect(loadConfig({ ...s3, S3_REGION: 'fr-par', S3_FORCE_PATH_STYLE: 'true' }).media).toMatchObject({
      s3: { region: 'fr-par', forcePathStyle: true },
    });
    for (const name of ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY']) {
      expect(() => loadConfig({ ...s3, [name]: '' }), name).toThrow(new RegExp(`^${name}: is required when MEDIA_STORE=s3`));
    }
    expect(() => loadConfig({ ...s3, MEDIA_STORE: 'ftp' })).toThrow(/^MEDIA_STORE: expected local or s3/);
    expect(() => loadConfig({ ...s3, S3_ENDPOINT: 'minio:9000' })).toThrow(/^S3_ENDPOINT: expected an http\(s\) URL/);
    expect(() => loadConfig({ ...s3, S3_BUCKET: 'Mes_Photos' })).toThrow(/^S3_BUCKET: expected a bucket name/);
    expect(() => loadConfig({ ...s3, S3_REGION: 'fr par' })).toThrow(/^S3_REGION:/);
    expect(() => loadConfig({ ...s3, S3_FORCE_PATH_STYLE: 'souvent' })).toThrow(/^S3_FORCE_PATH_STYLE:/);
    // S3 settings without MEDIA_STORE=s3 would keep the photos on one machine's disk: refused.
    const { MEDIA_STORE: _, ...withoutStore } = s3;
    expect(() => loadConfig(withoutStore)).toThrow(/^MEDIA_STORE: S3_ENDPOINT is set but MEDIA_STORE is not s3/);
    for (const attempt of [{ ...s3, S3_BUCKET: 'x' }, { ...s3, S3_ENDPOINT: 'nope' }, withoutStore]) {
      expect(() => loadConfig(attempt)).toThrow(expect.objectContaining({ message: expect.not.stringContaining('very-secret') }));
    }
  });

  it('warns when the object store is reached over plain http on another machine', () => {
    const s3 = { MEDIA_STORE: 's3', S3_BUCKET: 'photos', S3_ACCESS_KEY_ID: 'k', S3_SECRET_ACCESS_KEY: 's' };
    expect(configWarnings(loadConfig({ ...s3, S3_ENDPOINT: 'http://minio.lan:9000' }))).toEqual([
      expect.stringMatching(/^S3_ENDPOINT is plain http \(minio\.lan:9000\)/),
    ]);
    expect(configWarnings(loadConfig({ ...s3, S3_ENDPOINT: 'http://127.0.0.1:9000' }))).toEqual([]);
    expect(configWarnings(loadConfig({ ...s3, S3_ENDPOINT: 'https://s3.gra.io.cloud.ovh.net' }))).toEqual([]);
  });

  it('names the bad variable', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/^PORT: expected a whole number/);
    expect(() => loadConfig({ SEED_DEMO: 'peut-être' })).toThrow(/^SEED_DEMO:/);
    expect(() => loadConfig({ DEFAULT_LOCALE: 'de' })).toThrow(/^DEFAULT_LOCALE:/);
    expect(() => loadConfig({ PUBLIC_URL: 'ftp://x' })).toThrow(/^PUBLIC_URL:/);
    expect(() => loadConfig({ MAX_PHOTO_MB: '0' })).toThrow(/^MAX_PHOTO_MB:/);
  });

  it('refuses a half-configured Slack, naming what is missing', () => {
    const error = (() => {
      try {
        loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe('SLACK_SIGNING_SECRET');
    expect(() => loadConfig({ SLACK_APP_TOKEN: 'xapp-1' })).toThrow(/^SLACK_BOT_TOKEN:/);
  });

  it('turns Slack on when complete, and the local chat off unless asked', () => {
    const slack = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_CHANNEL_ID: 'C1' };
    expect(loadConfig(slack)).toMatchObject({ localChat: false, slack: { channelId: 'C1', apiUrl: 'https://slack.com/api/' } });
    expect(loadConfig({ ...slack, LOCAL_CHAT: 'true' }).localChat).toBe(true);
  });

  it('reads categories separated by semicolons', () => {
    expect(loadConfig({ CATEGORIES: 'Accueil; Courrier ;Autre' }).categories).toEqual(['Accueil', 'Courrier', 'Autre']);
  });

  it('reads animateurs as platform-qualified ids, and refuses others naming ANIMATORS', () => {
    expect(loadConfig({}).animators).toEqual([]);
    expect(loadConfig({ ANIMATORS: 'slack:U123, teams:29:abc,local:julien,local:julien' }).animators).toEqual([
      'slack:U123',
      'teams:29:abc',
      'local:julien',
    ]);
    expect(() => loadConfig({ ANIMATORS: 'U123' })).toThrow(/^ANIMATORS: expected platform:userId/);
    expect(() => loadConfig({ ANIMATORS: 'irc:bob' })).toThrow(/^ANIMATORS:/);
    expect(() => loadConfig({ ANIMATORS: 'slack:' })).toThrow(/^ANIMATORS:/);
  });

  it('reads DIGEST_CRON (Mondays 9:00 by default) and refuses a pattern that is not a 5-field cron', () => {
    expect(loadConfig({}).digestCron).toBe('0 9 * * 1');
    expect(loadConfig({ DIGEST_CRON: '30 8 * * 5' }).digestCron).toBe('30 8 * * 5');
    expect(() => loadConfig({ DIGEST_CRON: 'lundi 9h' })).toThrow(/^DIGEST_CRON: expected a 5-field cron pattern/);
    expect(() => loadConfig({ DIGEST_CRON: '0 9 * * 1 2026' })).toThrow(/^DIGEST_CRON:/);
    expect(() => loadConfig({ DIGEST_CRON: '0 25 * * 1' })).toThrow(/^DIGEST_CRON:/);
  });

  it('reads PROVEN_MIN_MAIRIES (3 by default) and refuses what is not a whole number from 1 to 20', () => {
    expect(loadConfig({}).provenMinMairies).toBe(3);
    expect(loadConfig({ PROVEN_MIN_MAIRIES: '5' }).provenMinMairies).toBe(5);
    for (const bad of ['0', '21', '2.5', 'trois']) {
      expect(() => loadConfig({ PROVEN_MIN_MAIRIES: bad })).toThrow(/^PROVEN_MIN_MAIRIES: expected a whole number from 1 to 20/);
    }
  });
});

describe('configWarnings', () => {
  const slack = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_CHANNEL_ID: 'C1' };
  const teams = {
    TEAMS_APP_ID: 'app',
    TEAMS_APP_PASSWORD: 'secret',
    TEAMS_TENANT_ID: 'tenant',
    TEAMS_CHANNEL_ID: '19:abc@thread.tacv2',
  };

  it('warns when a chat platform is on with a plain http PUBLIC_URL other than this machine', () => {
    const [warning, ...rest] = configWarnings(loadConfig({ ...teams, ...slack, PUBLIC_URL: 'http://galerie.mairie.example' }));
    expect(warning).toMatch(/^PUBLIC_URL is plain http \(galerie\.mairie\.example\) with Slack and Teams on/);
    expect(rest).toEqual([]);
  });

  it('stays quiet over https, on localhost, and without a chat platform', () => {
    expect(configWarnings(loadConfig({ ...teams, PUBLIC_URL: 'https://galerie.mairie.example' }))).toEqual([]);
    expect(configWarnings(loadConfig({ ...teams, PUBLIC_URL: 'http://localhost:3000' }))).toEqual([]);
    expect(configWarnings(loadConfig({ ...slack, PUBLIC_URL: 'http://127.0.0.1:3000' }))).toEqual([]);
    expect(configWarnings(loadConfig({ ...slack }))).toEqual([]);
    expect(configWarnings(loadConfig({ PUBLIC_URL: 'http://galerie.mairie.example' }))).toEqual([]);
  });
});
