/**
 * A Bolt receiver for Socket Mode that acknowledges an envelope only once it has been processed,
 * i.e. once our listeners have stored the event in the inbox. Bolt's own SocketModeReceiver lets
 * `App.processEvent` acknowledge Events API envelopes before any listener runs, so an event could
 * be acknowledged and then lost if the process died before the insert. Here `ack()` given to Bolt
 * only records the response; the real acknowledgement goes over the socket after `processEvent`
 * resolves. If processing throws (the inbox could not be written), nothing is sent and Slack
 * redelivers the envelope (`retry_attempt`), exactly as the HTTP receiver answers 500.
 */
import type { App, Logger, Receiver, ReceiverEvent, webApi } from '@slack/bolt';
import { SocketModeClient } from '@slack/socket-mode';

export interface AckAfterStoreReceiverOptions {
  /** The app-level token (`xapp-…`, scope `connections:write`). */
  appToken: string;
  /** SLACK_API_URL: `apps.connections.open` goes there too (GovSlack, tests). */
  slackApiUrl: string;
  logger: Logger;
  /** Retry policy of `apps.connections.open`; SocketModeClient's default (many fast retries) otherwise. */
  retryConfig?: webApi.RetryOptions;
}

/** What SocketModeClient emits as `slack_event` (it is untyped in its declarations). */
interface SlackSocketEvent {
  ack(response?: Record<string, unknown>): Promise<void>;
  envelope_id: string;
  type: string;
  body: Record<string, any>;
  retry_num?: number;
  retry_reason?: string;
}

export class AckAfterStoreReceiver implements Receiver {
  readonly client: SocketModeClient;
  private app: App | undefined;
  private readonly logger: Logger;

  constructor(options: AckAfterStoreReceiverOptions) {
    this.logger = options.logger;
    this.client = new SocketModeClient({
      appToken: options.appToken,
      logger: options.logger,
      clientOptions: { slackApiUrl: options.slackApiUrl, ...(options.retryConfig ? { retryConfig: options.retryConfig } : {}) },
    });
    this.client.on('slack_event', (args: SlackSocketEvent) => void this.handle(args));
  }

  init(app: App): void {
    this.app = app;
  }

  start(): Promise<unknown> {
    return this.client.start();
  }

  stop(): Promise<unknown> {
    return this.client.disconnect();
  }

  private async handle(args: SlackSocketEvent): Promise<void> {
    // Listeners call ack() when they are done (slash commands, buttons, modals) and Bolt calls it
    // up front for Events API envelopes: either way we only keep the first response for later.
    let acked = false;
    let response: Record<string, unknown> | undefined;
    const event: ReceiverEvent = {
      body: args.body,
      retryNum: args.retry_num,
      retryReason: args.retry_reason,
      ack: async (body?: unknown) => {
        if (acked) return;
        acked = true;
        response = typeof body === 'string' ? { text: body } : (body as Record<string, unknown> | undefined);
      },
    };
    try {
      await this.app!.processEvent(event);
    } catch (error) {
      // Not stored: leave the envelope unacknowledged so Slack sends it again. Only ids, no payload.
      this.logger.warn(
        `Slack envelope not acknowledged, Slack will redeliver it (type ${args.type}, envelope ${args.envelope_id}, retry ${args.retry_num ?? 0}): ${
          error instanceof Error ? error.message : String(error)
        }`,
      );
      return;
    }
    // Processed (stored, or deliberately ignored): acknowledge, even if no listener called ack(),
    // since a redelivery would not change the outcome.
    try {
      await args.ack(response);
    } catch (error) {
      // The socket dropped in between: Slack redelivers and the inbox drops the duplicate.
      this.logger.warn(
        `Slack envelope acknowledgement failed (envelope ${args.envelope_id}): ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
