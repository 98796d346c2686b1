// The gateway's one PostgreSQL connection that LISTENs on `project_events` (each gateway
// process has its own, so every gateway hears every append, whichever worker made it).
//
// It is opened when the first subscriber arrives. If it drops (PostgreSQL restarts, the
// network fails, the backend is terminated) it is opened again with exponential backoff and
// jitter; once it LISTENs again, `listening` tells the hub to catch every project up by
// sequence, so the notifications missed meanwhile lose nothing. A heartbeat query notices a
// connection that died without a word (TCP keepalive is on as well).
import { Client, type Notification } from 'pg';
import { PROJECT_EVENTS_CHANNEL, type ProjectEventNotice } from '../../../../libs/event-store/src';
import type { HubLog, NoticeSource } from './progress-hub';

export const LISTENER_APPLICATION_NAME = 'coproduction-gateway-progress';

export interface ListenerOptions {
  connectionString: string;
  /** Shown in pg_stat_activity. */
  applicationName?: string;
  /** First and longest wait before connecting again. */
  retryMinMs?: number;
  retryMaxMs?: number;
  /** How often the connection is checked with a query. */
  heartbeatMs?: number;
  /** How long connecting or a query may take before the connection counts as lost. */
  timeoutMs?: number;
  log?: HubLog;
}

type Handlers = Parameters<NoticeSource['start']>[0];

/** A notification's payload, if it is one the event store sends. */
export function parseNotice(payload: string | undefined): ProjectEventNotice | null {
  if (!payload) return null;
  try {
    const value = JSON.parse(payload) as Partial<ProjectEventNotice> | null;
    if (
      value &&
      typeof value.projectId === 'string' &&
      Number.isSafeInteger(value.sequence) &&
      (value.sequence as number) > 0
    ) {
      return {
        projectId: value.projectId,
        sequence: value.sequence as number,
        position: value.position ?? 0,
      };
    }
  } catch {
    // not JSON: not ours
  }
  return null;
}

const noop = () => undefined;

export class ProjectEventsListener implements NoticeSource {
  private handlers: Handlers | null = null;
  /** The connection that LISTENs, once it does. */
  private client: Client | null = null;
  /** The connection being opened. */
  private opening: Client | null = null;
  private readonly lost = new WeakSet<Client>();
  private failures = 0;
  private everListened = false;
  private stopped = false;
  private reconnect: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private readonly log: HubLog;

  constructor(private readonly options: ListenerOptions) {
    this.log = options.log ?? console;
  }

  /** True while the connection LISTENs. */
  get listening(): boolean {
    return this.client !== null;
  }

  start(handlers: Handlers): void {
    if (this.handlers || this.stopped) return;
    this.handlers = handlers;
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reconnect) clearTimeout(this.reconnect);
    this.reconnect = null;
    this.stopHeartbeat();
    const clients = [this.client, this.opening].filter((c): c is Client => c !== null);
    this.client = null;
    this.opening = null;
    for (const client of clients) this.lost.add(client);
    await Promise.all(clients.map((c) => c.end().catch(noop)));
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const timeoutMs = this.options.timeoutMs ?? 10_000;
    const client = new Client({
      connectionString: this.options.connectionString,
      application_name: this.options.applicationName ?? LISTENER_APPLICATION_NAME,
      keepAlive: true,
      connectionTimeoutMillis: timeoutMs,
      query_timeout: timeoutMs,
    });
    // An 'error' with no listener would end the process: there is always one.
    client.on('error', (err) => this.onLost(client, err));
    client.on('end', () => this.onLost(client, new Error('the connection closed')));
    client.on('notification', (message: Notification) => this.receive(client, message));
    this.opening = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${PROJECT_EVENTS_CHANNEL}`);
    } catch (err) {
      this.onLost(client, err as Error);
      return;
    }
    if (this.stopped || this.opening !== client) {
      this.lost.add(client);
      await client.end().catch(noop);
      return;
    }
    this.opening = null;
    this.client = client;
    this.failures = 0;
    if (this.everListened) this.log.warn('Listening for appended project events again; catching up.');
    this.everListened = true;
    this.startHeartbeat(client);
    this.handlers?.listening();
  }

  private receive(client: Client, message: Notification): void {
    if (client !== this.client || message.channel !== PROJECT_EVENTS_CHANNEL) return;
    const notice = parseNotice(message.payload);
    if (notice) this.handlers?.notice(notice);
  }

  private onLost(client: Client, err: Error): void {
    if (this.lost.has(client)) return;
    this.lost.add(client);
    client.end().catch(noop);
    if (this.client === client) {
      this.client = null;
      this.stopHeartbeat();
    }
    if (this.opening === client) this.opening = null;
    if (this.stopped || this.reconnect) return;
    const min = this.options.retryMinMs ?? 100;
    const max = this.options.retryMaxMs ?? 10_000;
    const ceiling = Math.min(max, min * 2 ** this.failures);
    this.failures += 1;
    const wait = Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
    this.log.warn(
      `The connection listening for project events was lost (${err.message}); connecting again in ${wait} ms.`,
    );
    this.reconnect = setTimeout(() => {
      this.reconnect = null;
      void this.connect();
    }, wait);
    this.reconnect.unref();
  }

  private startHeartbeat(client: Client): void {
    this.stopHeartbeat();
    this.heartbeat = setInterval(() => {
      client.query('SELECT 1').catch((err: Error) => this.onLost(client, err));
    }, this.options.heartbeatMs ?? 30_000);
    this.heartbeat.unref();
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }
}
