/**
 * A fake Microsoft Teams on 127.0.0.1 speaking the real wire formats: the Bot Connector REST API
 * (`/v3/conversations…`: create, send, update, delete activities, recorded in order), inline image
 * bytes served only with a bearer token (`/v3/attachments/…`), short-lived file `downloadUrl`s that
 * can expire, and Microsoft Graph's channel message + replies (`/graph/v1.0/teams/…`) for the
 * reconciliation. Channel messages posted by the bot live on, so tests can react and reply to them
 * "in Teams" while the product is down.
 * As the real connector, it refuses an activity over ~28 KB (413 `MessageSizeTooBig`) and a card the
 * Adaptive Card 1.5 schema rejects (400 `BadArgument`); every card problem it sees, Teams' limits
 * included (six actions shown, PNG/JPEG/GIF images), is kept in `cardProblems`, and `close()` fails
 * when there is one, so every suite that talks to it checks every card it sends.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { adaptiveCardProblems } from './adaptive-card-check.js';

/** The Bot Connector refuses larger activities ("about 28 KB"; 413 MessageSizeTooBig). */
export const CONNECTOR_MAX_ACTIVITY_BYTES = 28 * 1024;

export interface RecordedCall {
  method: string;
  /** Decoded conversation id from the path, when there is one. */
  conversationId?: string;
  activityId?: string;
  body?: any;
  /** Size of the request body in bytes (activities). */
  bytes?: number;
  authorization?: string;
}

interface ChannelMessage {
  id: string;
  conversationId: string;
  rootId: string | null;
  fromUser: { id: string; name: string } | null;
  text: string;
  /** Hosted image ids pasted in the message, as Graph shows them in the HTML body. */
  images: string[];
  activity?: any;
  reactions: { reactionType: string; userId: string }[];
  createdDateTime: string;
  lastEditedDateTime: string | null;
  deletedDateTime: string | null;
}

export interface FakeTeams {
  /** Base URL of the Bot Connector (`TEAMS_SERVICE_URL`). */
  serviceUrl: string;
  /** Base URL of Microsoft Graph (`TEAMS_GRAPH_URL`). */
  graphUrl: string;
  calls: RecordedCall[];
  /** Activities the bot created in a conversation (DMs, channel posts, thread replies). */
  sent(conversationId?: string): RecordedCall[];
  /** Next `times` connector calls of `method` answer `status` (e.g. 429 with Retry-After). */
  failNext(method: 'POST' | 'PUT' | 'DELETE', status: number, times?: number, headers?: Record<string, string>): void;
  /** Image bytes pasted inline in a message: served at the returned `contentUrl` with a bearer only. */
  addInlineImage(bytes: Buffer): string;
  /** A file uploaded in the personal chat: a pre-authenticated `downloadUrl` that can expire. */
  addDownload(bytes: Buffer): { downloadUrl: string; expire(): void };
  /** A file link on the connector that answers 302 to `location` (a link that sends the bot elsewhere). */
  addRedirect(location: string): string;
  /** What Graph shows of a channel message (posted by the bot or by a user in its thread). */
  message(id: string): ChannelMessage | undefined;
  /** A user's reply in a channel thread, as Teams would store it (with pasted images); returns its id. */
  addReply(channelId: string, rootId: string, user: { id: string; name: string }, text: string, images?: Buffer[]): string;
  editReply(id: string, text: string): void;
  deleteReply(id: string): void;
  react(messageId: string, userId: string, reactionType: string): void;
  unreact(messageId: string, userId: string, reactionType: string): void;
  /** Adds a member to the team roster (the connector's `members/{id}`). */
  addUser(user: { id: string; name: string; aadObjectId: string }): void;
  /** Problems of the cards received (schema, hidden actions, image formats), with the activity's call. */
  cardProblems: { method: string; conversationId?: string; problems: string[] }[];
  nextId(): string;
  close(): Promise<void>;
}

export async function startFakeTeams(): Promise<FakeTeams> {
  const calls: RecordedCall[] = [];
  const failures: { method: string; status: number; headers: Record<string, string> }[] = [];
  const inline = new Map<string, Buffer>();
  const downloads = new Map<string, { bytes: Buffer; expired: boolean }>();
  const redirects = new Map<string, string>();
  const messages = new Map<string, ChannelMessage>();
  /** The team roster, by Entra object id (what `members/{id}` answers). */
  const users = new Map<string, { id: string; name: string; aadObjectId: string }>();
  let seq = 1_732_900_000_000;
  const nextId = () => String(++seq);
  let base = '';

  const threadOf = (conversationId: string) => {
    const m = /^(.*);messageid=(\d+)$/.exec(conversationId);
    return m ? { channelId: m[1], rootId: m[2] } : { channelId: conversationId, rootId: null };
  };

  function send(res: http.ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(body === undefined ? '' : JSON.stringify(body));
  }

  const bodyBytes = new WeakMap<http.IncomingMessage, number>();
  async function readBody(req: http.IncomingMessage): Promise<any> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    bodyBytes.set(req, raw.length);
    const text = raw.toString('utf8');
    return text ? JSON.parse(text) : undefined;
  }

  const cardProblems: FakeTeams['cardProblems'] = [];
  /** The connector's own refusals of an activity: its size, then a card the schema rejects. */
  function refusal(method: string, conversationId: string, body: any, bytes: number) {
    if (bytes > CONNECTOR_MAX_ACTIVITY_BYTES) {
      calls.push({ method: `${method} refused 413`, conversationId, body, bytes });
      return { status: 413, body: { error: { code: 'MessageSizeTooBig', message: 'Message size too big' } } };
    }
    let schemaError = false;
    for (const attachment of body?.attachments ?? []) {
      if (attachment?.contentType !== 'application/vnd.microsoft.card.adaptive') continue;
      const problems = adaptiveCardProblems(attachment.content);
      if (problems.length === 0) continue;
      cardProblems.push({ method, conversationId, problems });
      schemaError ||= problems.some((p) => p.startsWith('schema:'));
    }
    if (!schemaError) return null;
    calls.push({ method: `${method} refused 400`, conversationId, body, bytes });
    return { status: 400, body: { error: { code: 'BadArgument', message: 'Invalid Adaptive Card' } } };
  }

  const hosted = new Map<string, Buffer>();
  const hostedUrl = (m: ChannelMessage, id: string) =>
    `${base}/graph/v1.0/teams/team/channels/${encodeURIComponent(m.conversationId)}/messages/${m.rootId}/replies/${m.id}/hostedContents/${id}/$value`;

  function graphMessage(m: ChannelMessage) {
    return {
      id: m.id,
      replyToId: m.rootId,
      createdDateTime: m.createdDateTime,
      lastEditedDateTime: m.lastEditedDateTime,
      deletedDateTime: m.deletedDateTime,
      from: m.fromUser
        ? { user: { id: m.fromUser.id, displayName: m.fromUser.name, userIdentityType: 'aadUser' }, application: null }
        : { user: null, application: { id: 'bot', displayName: "L'agent bricoleur", applicationIdentityType: 'bot' } },
      body: {
        contentType: 'html',
        content: m.deletedDateTime
          ? ''
          : `<p>${m.text}</p>${m.images.map((id) => `<p><img src="${hostedUrl(m, id)}" alt="image" itemtype="http://schema.skype.com/AMSImage"></p>`).join('')}`,
      },
      reactions: m.reactions.map((r) => ({
        reactionType: r.reactionType,
        createdDateTime: m.createdDateTime,
        user: { application: null, device: null, user: { id: r.userId, userIdentityType: 'aadUser' } },
      })),
    };
  }

  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const rawPath = (req.url ?? '/').split('?')[0];
      const method = req.method ?? 'GET';

      // --- inline images and file downloads ---
      const attachment = /^\/v3\/attachments\/([^/]+)\/views\/original$/.exec(rawPath);
      if (attachment && method === 'GET') {
        const authorization = req.headers.authorization;
        calls.push({ method: 'GET attachment', authorization });
        const bytes = inline.get(attachment[1]);
        if (!bytes) return send(res, 404, { error: { code: 'NotFound' } });
        if (!authorization?.startsWith('Bearer ') || authorization.length < 20) {
          return send(res, 401, { error: { code: 'Unauthorized', message: 'Authorization has been denied' } });
        }
        res.writeHead(200, { 'content-type': 'image/*', 'content-length': String(bytes.length) });
        return res.end(bytes);
      }
      const redirect = /^\/redirect\/([a-f0-9]+)$/.exec(rawPath);
      if (redirect && method === 'GET') {
        calls.push({ method: 'GET redirect', authorization: req.headers.authorization });
        const location = redirects.get(redirect[1]);
        if (!location) return send(res, 404, {});
        res.writeHead(302, { location, 'content-length': '0' });
        return res.end();
      }
      const file = /^\/files\/([a-f0-9]+)$/.exec(rawPath);
      if (file && method === 'GET') {
        const entry = downloads.get(file[1]);
        calls.push({ method: 'GET file', authorization: req.headers.authorization });
        if (!entry) return send(res, 404, {});
        if (entry.expired || url.searchParams.get('tempauth') !== file[1]) {
          return send(res, 403, { error: { code: 'accessDenied', message: 'The token has expired.' } });
        }
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(entry.bytes.length) });
        return res.end(entry.bytes);
      }

      // --- Microsoft Graph ---
      const hostedContent = /^\/graph\/v1\.0\/teams\/.+\/hostedContents\/([^/]+)\/\$value$/.exec(rawPath);
      if (hostedContent && method === 'GET') {
        const authorization = req.headers.authorization;
        calls.push({ method: 'GRAPH hostedContent', authorization });
        const bytes = hosted.get(hostedContent[1]);
        if (!bytes) return send(res, 404, { error: { code: 'NotFound' } });
        if (!authorization?.startsWith('Bearer ')) return send(res, 401, { error: { code: 'InvalidAuthenticationToken' } });
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(bytes.length) });
        return res.end(bytes);
      }
      const graph = /^\/graph\/v1\.0\/teams\/([^/]+)\/channels\/([^/]+)\/messages\/([^/]+)(\/replies)?$/.exec(rawPath);
      if (graph && method === 'GET') {
        calls.push({
          method: `GRAPH ${graph[4] ? 'replies' : 'message'}`,
          activityId: graph[3],
          authorization: req.headers.authorization,
        });
        const root = messages.get(decodeURIComponent(graph[3]));
        if (!root || root.rootId !== null) return send(res, 404, { error: { code: 'NotFound', message: 'Message not found' } });
        if (!graph[4]) return send(res, 200, graphMessage(root));
        const replies = [...messages.values()].filter((m) => m.rootId === root.id).map(graphMessage);
        // Two per page, so the reconciliation has to follow @odata.nextLink.
        const skip = Number(url.searchParams.get('$skip') ?? 0);
        const page = replies.slice(skip, skip + 2);
        const next = skip + 2 < replies.length ? `${base}${rawPath}?$skip=${skip + 2}` : undefined;
        return send(res, 200, { value: page, ...(next ? { '@odata.nextLink': next } : {}) });
      }

      // --- Bot Connector ---
      if (rawPath.startsWith('/v3/conversations')) {
        const failure = failures.findIndex((f) => f.method === method);
        if (failure >= 0) {
          const [f] = failures.splice(failure, 1);
          calls.push({ method: `${method} refused ${f.status}` });
          await readBody(req).catch(() => undefined);
          return send(res, f.status, { error: { code: 'ServiceError', message: `fake ${f.status}` } }, f.headers);
        }
        const body = await readBody(req);
        const authorization = req.headers.authorization;
        if (rawPath === '/v3/conversations' && method === 'POST') {
          const member = body?.members?.[0]?.id ?? 'unknown';
          const conversationId = `a:personal-${member}`;
          calls.push({ method: 'CREATE conversation', conversationId, body, authorization });
          return send(res, 201, { id: conversationId });
        }
        const member = /^\/v3\/conversations\/(.+?)\/members\/([^/]+)$/.exec(rawPath);
        if (member && method === 'GET') {
          const user = users.get(decodeURIComponent(member[2]));
          calls.push({ method: 'GET member', activityId: decodeURIComponent(member[2]), authorization });
          if (!user) return send(res, 404, { error: { code: 'MemberNotFoundInConversation' } });
          return send(res, 200, { id: user.id, name: user.name, aadObjectId: user.aadObjectId, userRole: 'user' });
        }
        const m = /^\/v3\/conversations\/(.+?)\/activities(?:\/([^/]+))?$/.exec(rawPath);
        if (!m) return send(res, 404, {});
        const conversationId = decodeURIComponent(m[1]);
        const activityId = m[2] ? decodeURIComponent(m[2]) : undefined;
        const bytes = bodyBytes.get(req) ?? 0;
        if ((method === 'POST' && !activityId) || (method === 'PUT' && activityId)) {
          const refused = refusal(method, conversationId, body, bytes);
          if (refused) return send(res, refused.status, refused.body);
        }
        if (method === 'POST' && !activityId) {
          const id = nextId();
          calls.push({ method: 'POST', conversationId, activityId: id, body, bytes, authorization });
          const { channelId, rootId } = threadOf(conversationId);
          if (channelId.startsWith('19:')) {
            messages.set(id, {
              id,
              conversationId: channelId,
              rootId: body?.replyToId ?? rootId,
              fromUser: null,
              text: body?.text ?? '',
              images: [],
              activity: body,
              reactions: [],
              createdDateTime: new Date().toISOString(),
              lastEditedDateTime: null,
              deletedDateTime: null,
            });
          }
          return send(res, 201, { id });
        }
        if (method === 'PUT' && activityId) {
          calls.push({ method: 'PUT', conversationId, activityId, body, bytes, authorization });
          const existing = messages.get(activityId);
          if (existing) existing.activity = body;
          return send(res, 200, { id: activityId });
        }
        if (method === 'DELETE' && activityId) {
          calls.push({ method: 'DELETE', conversationId, activityId, authorization });
          const existing = messages.get(activityId);
          if (existing) existing.deletedDateTime = new Date().toISOString();
          return send(res, 200, {});
        }
      }
      send(res, 404, { error: { code: 'NotFound' } });
    } catch (error) {
      send(res, 500, { error: { code: 'FakeFailure', message: (error as Error).message } });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const mustGet = (id: string) => {
    const m = messages.get(id);
    if (!m) throw new Error(`no channel message ${id} in the fake`);
    return m;
  };

  return {
    serviceUrl: base,
    graphUrl: `${base}/graph`,
    calls,
    sent: (conversationId) =>
      calls.filter((c) => c.method === 'POST' && (conversationId === undefined || c.conversationId === conversationId)),
    failNext(method, status, times = 1, headers = {}) {
      for (let i = 0; i < times; i++) failures.push({ method, status, headers });
    },
    addInlineImage(bytes) {
      const id = `0-weu-d${crypto.randomBytes(4).toString('hex')}`;
      inline.set(id, bytes);
      return `${base}/v3/attachments/${id}/views/original`;
    },
    addDownload(bytes) {
      const id = crypto.randomBytes(8).toString('hex');
      const entry = { bytes, expired: false };
      downloads.set(id, entry);
      return { downloadUrl: `${base}/files/${id}?tempauth=${id}`, expire: () => (entry.expired = true) };
    },
    addRedirect(location) {
      const id = crypto.randomBytes(8).toString('hex');
      redirects.set(id, location);
      return `${base}/redirect/${id}`;
    },
    message: (id) => messages.get(id),
    addReply(channelId, rootId, user, text, images = []) {
      const id = nextId();
      messages.set(id, {
        id,
        conversationId: channelId,
        rootId,
        fromUser: user,
        text,
        images: images.map((bytes) => {
          const hc = `hc${crypto.randomBytes(4).toString('hex')}`;
          hosted.set(hc, bytes);
          return hc;
        }),
        reactions: [],
        createdDateTime: new Date().toISOString(),
        lastEditedDateTime: null,
        deletedDateTime: null,
      });
      return id;
    },
    editReply(id, text) {
      const m = mustGet(id);
      m.text = text;
      m.lastEditedDateTime = new Date().toISOString();
    },
    deleteReply(id) {
      mustGet(id).deletedDateTime = new Date().toISOString();
    },
    react(messageId, userId, reactionType) {
      const m = mustGet(messageId);
      if (!m.reactions.some((r) => r.userId === userId && r.reactionType === reactionType))
        m.reactions.push({ reactionType, userId });
    },
    unreact(messageId, userId, reactionType) {
      const m = mustGet(messageId);
      m.reactions = m.reactions.filter((r) => !(r.userId === userId && r.reactionType === reactionType));
    },
    addUser: (user) => users.set(user.aadObjectId, user),
    cardProblems,
    nextId,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      if (cardProblems.length > 0) {
        throw new Error(`the fake Teams received cards Teams would not show whole:\n${JSON.stringify(cardProblems, null, 1)}`);
      }
    },
  };
}
