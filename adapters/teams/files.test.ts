import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PhotoDownloadError } from '../../bot/errors.js';
import type { IncomingPhoto } from '../../bot/ports.js';
import { isPublicAddress } from './file-hosts.js';
import { downloadTeamsPhoto, isConnectorUrl, type TeamsDownloadOptions } from './files.js';
import { FILE_PREFIX, INLINE_PREFIX } from './inbound.js';

const SERVICE = 'https://smba.trafficmanager.net/emea/';

describe('where the bot token may go', () => {
  it('only to the Bot Framework connector hosts Microsoft documents, over https, or TEAMS_SERVICE_URL', () => {
    for (const url of [
      'https://smba.trafficmanager.net/emea/v3/attachments/1/views/original',
      'https://smba.trafficmanager.net/amer/v3/attachments/1/views/original',
      'https://smba.infra.gcc.teams.microsoft.com/teams/v3/attachments/1',
      'https://smba.infra.gov.teams.microsoft.us/teams/v3/attachments/1',
      'https://smba.infra.dod.teams.microsoft.us/teams/v3/attachments/1',
      'https://eu-api.asm.skype.com/v1/objects/0-weu-d3-abc/views/imgo',
      'http://127.0.0.1:3978/v3/attachments/1', // the configured service URL below
    ]) {
      expect(isConnectorUrl(url, url.startsWith('http://') ? 'http://127.0.0.1:3978' : SERVICE), url).toBe(true);
    }
    for (const url of [
      // Any Azure customer can register a Traffic Manager name.
      'https://bricoleur-attacker.trafficmanager.net/v3/attachments/1',
      'https://smba.trafficmanager.net.attacker.example/v3/attachments/1',
      'http://smba.trafficmanager.net/emea/v3/attachments/1',
      'https://smba.trafficmanager.net:8443/emea/v3/attachments/1',
      'https://user@smba.trafficmanager.net/emea/v3/attachments/1',
      'https://attacker.teams.microsoft.com/x',
      'https://login.skype.com/x',
      'https://contoso-my.sharepoint.com/personal/x',
      'not a url',
    ]) {
      expect(isConnectorUrl(url, SERVICE), url).toBe(false);
    }
  });

  it('an inline image elsewhere gets neither the token nor a request', async () => {
    let asked = false;
    const options = optionsWith({
      token: async () => {
        asked = true;
        return 'bot-token';
      },
    });
    await expect(
      downloadTeamsPhoto(
        photo(INLINE_PREFIX, 'https://bricoleur-attacker.trafficmanager.net/v3/attachments/1/views/original'),
        options,
      ),
    ).rejects.toMatchObject({ problem: 'untrustedHost' });
    expect(asked).toBe(false);
  });
});

describe('file links (file.download.info downloadUrl)', () => {
  let internal: http.Server;
  let redirector: http.Server;
  const hits: string[] = [];
  let internalUrl = '';
  let redirectorUrl = '';

  beforeAll(async () => {
    internal = http.createServer((req, res) => {
      hits.push(`internal ${req.url}`);
      res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    });
    redirector = http.createServer((req, res) => {
      hits.push(`redirector ${req.url}`);
      const to = new URL(req.url ?? '/', 'http://x').searchParams.get('to') ?? '/';
      res.writeHead(302, { location: to }).end();
    });
    for (const server of [internal, redirector]) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    internalUrl = `http://127.0.0.1:${(internal.address() as AddressInfo).port}`;
    redirectorUrl = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const server of [internal, redirector]) await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('are fetched only from SharePoint hosts that resolve to public addresses', async () => {
    hits.length = 0;
    const cases: [string, string[]][] = [
      [`${internalUrl}/direct.png`, []],
      ['https://contoso-my.sharepoint.com/personal/a/photo.png', ['10.1.2.3']],
      ['https://contoso-my.sharepoint.com/personal/a/photo.png', ['169.254.169.254']],
      ['https://contoso-my.sharepoint.com/personal/a/photo.png', ['127.0.0.1']],
      ['https://contoso-my.sharepoint.com/personal/a/photo.png', ['::1']],
      ['https://contoso-my.sharepoint.com/personal/a/photo.png', ['fd00::1']],
      ['https://contoso-my.sharepoint.com/personal/a/photo.png', ['52.1.2.3', '192.168.0.4']],
      ['https://contoso-my.sharepoint.com.attacker.example/photo.png', ['52.1.2.3']],
      ['http://contoso-my.sharepoint.com/personal/a/photo.png', ['52.1.2.3']],
    ];
    for (const [url, addresses] of cases) {
      const options = optionsWith({ resolve: async () => addresses });
      await expect(downloadTeamsPhoto(photo(FILE_PREFIX, url), options), `${url} → ${addresses}`).rejects.toMatchObject({
        problem: 'untrustedHost',
      });
    }
    expect(hits).toEqual([]);
  });

  it('never follow a redirect to another host, nor to a private address', async () => {
    hits.length = 0;
    // The configured connector (TEAMS_SERVICE_URL) is trusted; where it redirects is checked again.
    const options = optionsWith({ serviceUrl: redirectorUrl, resolve: async () => ['127.0.0.1'] });
    for (const to of [`${internalUrl}/latest/meta-data`, 'https://contoso-my.sharepoint.com/personal/a/photo.png']) {
      const error = await downloadTeamsPhoto(
        photo(FILE_PREFIX, `${redirectorUrl}/f?to=${encodeURIComponent(to)}`),
        options,
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PhotoDownloadError);
      expect((error as PhotoDownloadError).problem).toBe('untrustedHost');
    }
    expect(hits.filter((h) => h.startsWith('internal'))).toEqual([]);
    expect(hits.filter((h) => h.startsWith('redirector'))).toHaveLength(2);
  });

  it('tells public from special addresses', () => {
    for (const a of ['52.1.2.3', '20.190.128.5', '2603:1020::1']) expect(isPublicAddress(a), a).toBe(true);
    for (const a of [
      '127.0.0.1',
      '10.0.0.1',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      'fe80::1',
      'fd12::1',
      '::ffff:127.0.0.1',
      'nope',
    ]) {
      expect(isPublicAddress(a), a).toBe(false);
    }
  });
});

function photo(prefix: string, url: string): IncomingPhoto {
  return { id: `${prefix}${url}`, name: 'photo.png', url };
}

function optionsWith(overrides: Partial<TeamsDownloadOptions>): TeamsDownloadOptions {
  return {
    serviceUrl: SERVICE,
    maxBytes: 1024 * 1024,
    token: async () => 'bot-token',
    graphUrl: 'https://graph.microsoft.com',
    graphToken: async () => 'graph-token',
    timeoutMs: 5000,
    ...overrides,
  };
}
