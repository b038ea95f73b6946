import { describe, expect, it } from 'vitest';
import { redactPath, sanitize } from './log.js';

describe('log context', () => {
  it('masks what looks like a secret, at any depth', () => {
    const out = sanitize({
      botToken: 'xoxb-1234',
      slack: { signingSecret: 's3cr3t', headers: { authorization: 'Bearer abc', 'x-slack-signature': 'v0=ff' } },
      user: 'U0MARIE01',
    });
    expect(out).toEqual({
      botToken: '[redacted]',
      slack: { signingSecret: '[redacted]', headers: { authorization: '[redacted]', 'x-slack-signature': '[redacted]' } },
      user: 'U0MARIE01',
    });
    expect(JSON.stringify(out)).not.toMatch(/xoxb|s3cr3t|Bearer|v0=ff/);
  });

  it('masks the object store credentials, as the S3 settings name them', () => {
    const out = sanitize({ media: { s3: { bucket: 'photos', accessKeyId: 'SCWKEYID', secretAccessKey: 'sk-1' } } });
    expect(out).toEqual({ media: { s3: { bucket: 'photos', accessKeyId: '[redacted]', secretAccessKey: '[redacted]' } } });
  });

  it('reduces an error to its name, message and code: no stack, no file path', () => {
    const error = Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' });
    const out = sanitize({ error }) as { error: Record<string, unknown> };
    expect(out.error).toEqual({ name: 'Error', message: 'disk I/O error', code: 'SQLITE_IOERR' });
    expect(JSON.stringify(out)).not.toContain('at ');
  });

  it('masks the mes données token in a logged path, like other secrets', () => {
    const token = 'a'.repeat(64);
    expect(redactPath(`/exports/${token}`)).toBe('/exports/[redacted]');
    const out = sanitize({ method: 'GET', path: `/exports/${token}`, other: '/bricolages/12' });
    expect(JSON.stringify(out)).not.toContain(token);
    expect(out).toMatchObject({ path: '/exports/[redacted]', other: '/bricolages/12' });
  });
});
