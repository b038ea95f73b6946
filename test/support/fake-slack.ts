/**
 * A fake Slack Web API on 127.0.0.1 that records every call and keeps a tiny in-memory workspace
 * (messages, threads, reactions, users, files), so the real `@slack/web-api` client used by the
 * adapter talks HTTP to it. Tests act as Slack users through its helpers and read what the bot did
 * from `calls`. Not a mock of the SDK: the SDK runs unmodified against it. Messages that break a
 * Block Kit limit are refused with `invalid_blocks`, as Slack does (`block-kit-check.ts`).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { blockKitProblems } from './block-kit-check.js';

export interface RecordedCall {
  method: string;
  args: Record<string, any>;
  /** The bearer token the client sent (tests assert it is the bot token, never log it). */
  token: string | null;
  at: number;
}

export interface FakeMessage {
  ts: string;
  channel: string;
  user: string;
  text: string;
  bot_id?: string;
  thread_ts?: string;
  blocks?: unknown[];
  files?: FakeFileMeta[];
  reactions: { name: string; users: string[] }[];
  edited?: { user: string; ts: string };
  subtype?: string;
}

export interface FakeFileMeta {
  id: string;
  name: string;
  mimetype: string;
  size: number;
  mode: string;
  url_private: string;
  url_private_download: string;
}

export interface FakeUser {
  id: string;
  name: string;
  displayName?: string;
  realName?: string;
  locale?: string;
  /** Custom profile fields by field id (`users.profile.get`). */
  fields?: Record<string, string>;
  title?: string;
  /** A bot or app user (`is_bot`). */
  isBot?: boolean;
}

type Failure = { status: 429; retryAfter: number } | { error: string };

export interface FakeSlack {
  url: string;
  /** What to put in SLACK_API_URL. */
  apiUrl: string;
  botToken: string;
  /** The app-level token (`xapp-…`) that `apps.connections.open` accepts (Socket Mode). */
  appToken: string;
  /** What `apps.connections.open` returns as `url`; set by `startFakeSlackSocket`. */
  socketUrl: string | null;
  botUserId: string;
  botId: string;
  calls: RecordedCall[];
  callsTo(method: string): RecordedCall[];
  users: Map<string, FakeUser>;
  messages: FakeMessage[];
  /** Makes the next `count` calls to `method` fail (429 with Retry-After, or `ok: false` with an error). */
  failNext(method: string, failure: Failure, count?: number): void;
  addUser(user: FakeUser): void;
  /** Stores a private file and returns its Slack file object (as found in a message's `files`). */
  addFile(bytes: Buffer, name: string, mimetype: string, owner?: string): FakeFileMeta;
  fileBytes(id: string): Buffer | undefined;
  /** A user posts in a thread of the channel; returns the message (no event is sent: tests do that). */
  addReply(channel: string, threadTs: string, user: string, text: string, files?: FakeFileMeta[]): FakeMessage;
  editMessage(channel: string, ts: string, text: string): FakeMessage;
  deleteMessage(channel: string, ts: string): FakeMessage | undefined;
  addReaction(channel: string, ts: string, user: string, name: string): void;
  removeReaction(channel: string, ts: string, user: string, name: string): void;
  findMessage(channel: string, ts: string): FakeMessage | undefined;
  nextTs(): string;
  close(): Promise<void>;
}

/** The type Slack would detect from an uploaded file's bytes. */
function mimeOf(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'image/jpeg';
  if (bytes.subarray(1, 4).toString('latin1') === 'PNG') return 'image/png';
  if (bytes.subarray(0, 3).toString('latin1') === 'GIF') return 'image/gif';
  if (bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return 'application/octet-stream';
}

export async function startFakeSlack(options: { botToken?: string; appToken?: string } = {}): Promise<FakeSlack> {
  const botToken = options.botToken ?? 'xoxb-test-bot-token';
  const appToken = options.appToken ?? 'xapp-1-A0BRICOLE-test-app-token';
  let socketUrl: string | null = null;
  const botUserId = 'U0BOT0001';
  const botId = 'B0BOT0001';
  const calls: RecordedCall[] = [];
  const users = new Map<string, FakeUser>();
  const messages: FakeMessage[] = [];
  const files = new Map<string, { meta: FakeFileMeta; bytes: Buffer }>();
  const failures = new Map<string, Failure[]>();
  const uploads = new Map<string, { name: string; length: number; bytes?: Buffer; alt?: string }>();
  let tsCounter = 0;
  let fileCounter = 0;
  let base = '';

  const nextTs = () => {
    tsCounter += 1;
    return `${1764100000 + tsCounter}.${String(tsCounter).padStart(6, '0')}`;
  };
  const find = (channel: string, ts: string) => messages.find((m) => m.channel === channel && m.ts === ts);
  const dmOf = (userId: string) => `D${userId.replace(/^U/, '')}`;
  const channelOf = (id: string) => (id.startsWith('U') ? dmOf(id) : id);

  function addFile(bytes: Buffer, name: string, mimetype: string, owner = 'U0UNKNOWN'): FakeFileMeta {
    fileCounter += 1;
    const id = `F0FAKE${String(fileCounter).padStart(4, '0')}`;
    const meta: FakeFileMeta = {
      id,
      name,
      mimetype,
      size: bytes.length,
      mode: 'hosted',
      url_private: `${base}/files-pri/${id}/${encodeURIComponent(name)}`,
      url_private_download: `${base}/files-pri/${id}/download/${encodeURIComponent(name)}`,
    };
    void owner;
    files.set(id, { meta, bytes });
    return meta;
  }

  function userPayload(u: FakeUser) {
    return {
      id: u.id,
      name: u.name,
      real_name: u.realName ?? u.name,
      locale: u.locale ?? 'fr-FR',
      is_bot: u.isBot ?? false,
      profile: {
        display_name: u.displayName ?? '',
        real_name: u.realName ?? u.name,
        title: u.title ?? '',
        fields: Object.fromEntries(Object.entries(u.fields ?? {}).map(([k, v]) => [k, { value: v, alt: '' }])),
      },
    };
  }

  function messagePayload(m: FakeMessage) {
    const replies = messages.filter((r) => r.channel === m.channel && r.thread_ts === m.ts && r.ts !== m.ts);
    return {
      type: 'message',
      ...(m.subtype ? { subtype: m.subtype } : {}),
      user: m.user,
      ...(m.bot_id ? { bot_id: m.bot_id } : {}),
      text: m.text,
      ts: m.ts,
      ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}),
      ...(m.files ? { files: m.files } : {}),
      ...(m.edited ? { edited: m.edited } : {}),
      ...(m.blocks ? { blocks: m.blocks } : {}),
      ...(m.reactions.length > 0
        ? { reactions: m.reactions.map((r) => ({ name: r.name, users: [...r.users], count: r.users.length })) }
        : {}),
      ...(replies.length > 0 ? { reply_count: replies.length } : {}),
    };
  }

  const api: Record<string, (args: Record<string, any>) => Record<string, unknown>> = {
    'auth.test': () => ({
      ok: true,
      url: 'https://paris.slack.com/',
      team: 'Paris',
      user: 'bricoleur',
      team_id: 'T0PARIS01',
      user_id: botUserId,
      bot_id: botId,
    }),
    'users.info': (a) => {
      const u = users.get(a.user);
      return u ? { ok: true, user: userPayload(u) } : { ok: false, error: 'user_not_found' };
    },
    'users.profile.get': (a) => {
      const u = users.get(a.user);
      return u ? { ok: true, profile: userPayload(u).profile } : { ok: false, error: 'user_not_found' };
    },
    'files.info': (a) => {
      const f = files.get(a.file);
      return f ? { ok: true, file: f.meta } : { ok: false, error: 'file_not_found' };
    },
    'conversations.open': (a) => {
      const user = String(a.users ?? '').split(',')[0];
      return user ? { ok: true, channel: { id: dmOf(user) } } : { ok: false, error: 'users_list_not_supplied' };
    },
    'chat.postMessage': (a) => {
      if (!a.channel) return { ok: false, error: 'channel_not_found' };
      const blockErrors = blockKitProblems(a.blocks);
      if (blockErrors.length > 0) return { ok: false, error: 'invalid_blocks', errors: blockErrors };
      const channel = channelOf(a.channel);
      const m: FakeMessage = {
        ts: nextTs(),
        channel,
        user: botUserId,
        bot_id: botId,
        text: a.text ?? '',
        ...(a.thread_ts ? { thread_ts: a.thread_ts } : {}),
        ...(a.blocks ? { blocks: a.blocks } : {}),
        reactions: [],
      };
      messages.push(m);
      return { ok: true, channel, ts: m.ts, message: messagePayload(m) };
    },
    'chat.update': (a) => {
      const m = find(channelOf(a.channel), a.ts);
      if (!m) return { ok: false, error: 'message_not_found' };
      const blockErrors = blockKitProblems(a.blocks);
      if (blockErrors.length > 0) return { ok: false, error: 'invalid_blocks', errors: blockErrors };
      m.text = a.text ?? m.text;
      if (a.blocks) m.blocks = a.blocks;
      return { ok: true, channel: m.channel, ts: m.ts, text: m.text };
    },
    'chat.delete': (a) => {
      const index = messages.findIndex((m) => m.channel === channelOf(a.channel) && m.ts === a.ts);
      if (index < 0) return { ok: false, error: 'message_not_found' };
      messages.splice(index, 1);
      return { ok: true, channel: a.channel, ts: a.ts };
    },
    'chat.getPermalink': (a) => {
      const m = find(channelOf(a.channel), a.message_ts);
      return m
        ? { ok: true, channel: m.channel, permalink: `https://paris.slack.com/archives/${m.channel}/p${m.ts.replace('.', '')}` }
        : { ok: false, error: 'message_not_found' };
    },
    'reactions.get': (a) => {
      const m = find(a.channel, a.timestamp);
      return m
        ? { ok: true, type: 'message', channel: m.channel, message: messagePayload(m) }
        : { ok: false, error: 'message_not_found' };
    },
    'conversations.replies': (a) => {
      const parent = find(a.channel, a.ts);
      if (!parent) return { ok: false, error: 'thread_not_found' };
      const thread = messages
        .filter((m) => m.channel === a.channel && (m.ts === a.ts || m.thread_ts === a.ts))
        .sort((x, y) => Number(x.ts) - Number(y.ts));
      // Paginate two at a time so the client's cursor handling is exercised.
      const start = a.cursor ? Number(a.cursor) : 0;
      const limit = 2;
      const page = thread.slice(start, start + limit);
      const more = start + limit < thread.length;
      return {
        ok: true,
        messages: page.map(messagePayload),
        has_more: more,
        response_metadata: { next_cursor: more ? String(start + limit) : '' },
      };
    },
    'files.getUploadURLExternal': (a) => {
      fileCounter += 1;
      const id = `F0UPLD${String(fileCounter).padStart(4, '0')}`;
      uploads.set(id, { name: a.filename, length: Number(a.length), alt: a.alt_text });
      return { ok: true, upload_url: `${base}/upload/${id}`, file_id: id };
    },
    'files.completeUploadExternal': (a) => {
      const list: { id: string; title?: string }[] = typeof a.files === 'string' ? JSON.parse(a.files) : a.files;
      const metas: FakeFileMeta[] = [];
      for (const f of list) {
        const up = uploads.get(f.id);
        if (!up?.bytes) return { ok: false, error: 'file_not_found' };
        const meta = addFile(up.bytes, up.name, mimeOf(up.bytes), botUserId);
        metas.push(meta);
      }
      if (a.channel_id) {
        messages.push({
          ts: nextTs(),
          channel: a.channel_id,
          user: botUserId,
          text: a.initial_comment ?? '',
          ...(a.thread_ts ? { thread_ts: a.thread_ts } : {}),
          files: metas,
          subtype: 'file_share',
          reactions: [],
        });
      }
      return { ok: true, files: metas.map((m) => ({ id: m.id, name: m.name })) };
    },
    'views.open': (a) => ({
      ok: true,
      view: { id: 'V0FAKEVIEW', callback_id: (typeof a.view === 'string' ? JSON.parse(a.view) : a.view)?.callback_id },
    }),
  };

  async function readBody(req: http.IncomingMessage): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  function parseArgs(raw: Buffer, contentType: string): Record<string, any> {
    const text = raw.toString('utf8');
    let args: Record<string, any> = {};
    if (contentType.includes('application/json')) args = text ? JSON.parse(text) : {};
    else args = Object.fromEntries(new URLSearchParams(text));
    for (const key of ['blocks', 'attachments', 'view']) {
      if (typeof args[key] === 'string') {
        try {
          args[key] = JSON.parse(args[key]);
        } catch {
          /* keep as sent */
        }
      }
    }
    return args;
  }

  const server = http.createServer(async (req, res) => {
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    try {
      const url = new URL(req.url ?? '/', base);
      const auth = req.headers.authorization ?? '';
      const token = auth.startsWith('Bearer ') ? auth.slice(7) : null;
      const raw = await readBody(req);

      const download = url.pathname.match(/^\/files-pri\/([^/]+)\//);
      if (download && req.method === 'GET') {
        calls.push({ method: 'GET files-pri', args: { file: download[1] }, token, at: Date.now() });
        if (token !== botToken) {
          res.writeHead(401, { 'content-type': 'text/html' });
          res.end('<html>Sign in to Slack</html>');
          return;
        }
        const f = files.get(download[1]);
        if (!f) return send(404, { ok: false, error: 'file_not_found' });
        res.writeHead(200, { 'content-type': f.meta.mimetype, 'content-length': String(f.bytes.length) });
        res.end(f.bytes);
        return;
      }

      const upload = url.pathname.match(/^\/upload\/([^/]+)$/);
      if (upload && req.method === 'POST') {
        const up = uploads.get(upload[1]);
        calls.push({ method: 'upload', args: { file: upload[1], bytes: raw.length }, token, at: Date.now() });
        if (!up) return send(404, { ok: false });
        const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': req.headers['content-type'] ?? '' } })
          .formData()
          .catch(() => null);
        let blob: Blob | undefined;
        form?.forEach((value) => {
          if (typeof value !== 'string') blob ??= value;
        });
        up.bytes = blob ? Buffer.from(await blob.arrayBuffer()) : raw;
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end(`OK - ${up.bytes.length}`);
        return;
      }

      const apiCall = url.pathname.match(/^\/api\/([\w.]+)$/);
      if (!apiCall || req.method !== 'POST') return send(404, { ok: false, error: 'unknown_method' });
      const method = apiCall[1];
      const args = parseArgs(raw, String(req.headers['content-type'] ?? ''));
      calls.push({ method, args, token: token ?? (typeof args.token === 'string' ? args.token : null), at: Date.now() });

      const pending = failures.get(method);
      const failure = pending?.shift();
      if (failure) {
        if ('status' in failure)
          return send(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.retryAfter) });
        return send(200, { ok: false, error: failure.error });
      }
      if (method === 'apps.connections.open') {
        // Socket Mode: only the app-level token opens a connection, never the bot token.
        if (token !== appToken) return send(200, { ok: false, error: 'invalid_auth' });
        return send(200, socketUrl ? { ok: true, url: socketUrl } : { ok: false, error: 'socket_mode_not_enabled' });
      }
      if ((token ?? args.token) !== botToken) return send(200, { ok: false, error: 'invalid_auth' });
      const handler = api[method];
      if (!handler) return send(200, { ok: false, error: 'unknown_method' });
      return send(200, handler(args));
    } catch (error) {
      send(500, { ok: false, error: String(error) });
    }
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    get url() {
      return base;
    },
    get apiUrl() {
      return `${base}/api/`;
    },
    botToken,
    appToken,
    get socketUrl() {
      return socketUrl;
    },
    set socketUrl(value) {
      socketUrl = value;
    },
    botUserId,
    botId,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    users,
    messages,
    failNext(method, failure, count = 1) {
      const list = failures.get(method) ?? [];
      for (let i = 0; i < count; i += 1) list.push(failure);
      failures.set(method, list);
    },
    addUser: (u) => void users.set(u.id, u),
    addFile,
    fileBytes: (id) => files.get(id)?.bytes,
    addReply(channel, threadTs, user, text, replyFiles) {
      const m: FakeMessage = {
        ts: nextTs(),
        channel,
        user,
        text,
        thread_ts: threadTs,
        reactions: [],
        ...(replyFiles && replyFiles.length > 0 ? { files: replyFiles, subtype: 'file_share' } : {}),
      };
      messages.push(m);
      return m;
    },
    editMessage(channel, ts, text) {
      const m = find(channel, ts);
      if (!m) throw new Error(`no message ${channel}/${ts}`);
      m.text = text;
      m.edited = { user: m.user, ts: nextTs() };
      return m;
    },
    deleteMessage(channel, ts) {
      const index = messages.findIndex((m) => m.channel === channel && m.ts === ts);
      return index < 0 ? undefined : messages.splice(index, 1)[0];
    },
    addReaction(channel, ts, user, name) {
      const m = find(channel, ts);
      if (!m) throw new Error(`no message ${channel}/${ts}`);
      let r = m.reactions.find((x) => x.name === name);
      if (!r) {
        r = { name, users: [] };
        m.reactions.push(r);
      }
      if (!r.users.includes(user)) r.users.push(user);
    },
    removeReaction(channel, ts, user, name) {
      const m = find(channel, ts);
      const r = m?.reactions.find((x) => x.name === name);
      if (!m || !r) return;
      r.users = r.users.filter((u) => u !== user);
      if (r.users.length === 0) m.reactions = m.reactions.filter((x) => x !== r);
    },
    findMessage: find,
    nextTs,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
