/**
 * A fake Slack Socket Mode server on 127.0.0.1: a `ws` WebSocket server whose URL the fake Web API
 * hands out from `apps.connections.open`, so the real `SocketModeClient` (inside the adapter's
 * receiver) connects to it unmodified. It greets with `hello`, lets tests push envelopes exactly as
 * Slack frames them, and records every acknowledgement the app sends back, in order.
 */
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import type { FakeSlack } from './fake-slack.js';

export type EnvelopeType = 'events_api' | 'slash_commands' | 'interactive';

/** What Slack sends over the socket for each event, command or interaction. */
export interface SocketEnvelope {
  envelope_id: string;
  type: EnvelopeType;
  payload: Record<string, unknown>;
  accepts_response_payload: boolean;
  retry_attempt: number;
  retry_reason: string;
}

export interface RecordedAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
  at: number;
  /** 1, 2, 3… across every ack this server received. */
  order: number;
}

export interface PushOptions {
  envelopeId?: string;
  retryAttempt?: number;
  retryReason?: string;
  acceptsResponsePayload?: boolean;
}

export interface FakeSlackSocket {
  /** The URL `apps.connections.open` returns. */
  url: string;
  envelopes: SocketEnvelope[];
  acks: RecordedAck[];
  /** Number of open client connections. */
  connections(): number;
  /** Sends an envelope to every connected client; returns its envelope_id. */
  push(type: EnvelopeType, payload: Record<string, unknown>, options?: PushOptions): string;
  /** Called synchronously when an ack arrives, before anything else can run (to probe state at that instant). */
  onAck(listener: (ack: RecordedAck) => void): void;
  waitForAck(envelopeId: string, ms?: number): Promise<RecordedAck>;
  ackOf(envelopeId: string): RecordedAck | undefined;
  close(): Promise<void>;
}

export async function startFakeSlackSocket(fake: FakeSlack): Promise<FakeSlackSocket> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/link' });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/link`;
  const envelopes: SocketEnvelope[] = [];
  const acks: RecordedAck[] = [];
  const listeners: ((ack: RecordedAck) => void)[] = [];
  let envelopeCounter = 0;

  server.on('connection', (socket) => {
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      let message: { envelope_id?: unknown; payload?: Record<string, unknown> };
      try {
        message = JSON.parse(data.toString());
      } catch {
        return;
      }
      if (typeof message.envelope_id !== 'string') return;
      const ack: RecordedAck = {
        envelope_id: message.envelope_id,
        ...(message.payload !== undefined ? { payload: message.payload } : {}),
        at: Date.now(),
        order: acks.length + 1,
      };
      acks.push(ack);
      for (const listener of listeners) listener(ack);
    });
    socket.send(
      JSON.stringify({
        type: 'hello',
        num_connections: server.clients.size,
        debug_info: { host: 'fake-slack-socket', build_number: 1, approximate_connection_time: 3600 },
        connection_info: { app_id: 'A1' },
      }),
    );
  });

  fake.socketUrl = url;

  function ackOf(envelopeId: string) {
    return acks.find((a) => a.envelope_id === envelopeId);
  }

  return {
    url,
    envelopes,
    acks,
    connections: () => [...server.clients].filter((c) => c.readyState === WebSocket.OPEN).length,
    push(type, payload, options = {}) {
      const open = [...server.clients].filter((c) => c.readyState === WebSocket.OPEN);
      if (open.length === 0) throw new Error('no Socket Mode client connected');
      envelopeCounter += 1;
      const envelope: SocketEnvelope = {
        envelope_id: options.envelopeId ?? `env-${envelopeCounter}-${Math.random().toString(16).slice(2, 10)}`,
        type,
        payload,
        accepts_response_payload: options.acceptsResponsePayload ?? type !== 'events_api',
        retry_attempt: options.retryAttempt ?? 0,
        retry_reason: options.retryReason ?? '',
      };
      envelopes.push(envelope);
      const text = JSON.stringify(envelope);
      for (const client of open) client.send(text);
      return envelope.envelope_id;
    },
    onAck: (listener) => void listeners.push(listener),
    ackOf,
    async waitForAck(envelopeId, ms = 5000) {
      const until = Date.now() + ms;
      for (;;) {
        const ack = ackOf(envelopeId);
        if (ack) return ack;
        if (Date.now() > until) throw new Error(`timed out waiting for the ack of ${envelopeId}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close() {
      if (fake.socketUrl === url) fake.socketUrl = null;
      for (const client of server.clients) client.terminate();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
