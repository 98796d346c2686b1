// Sending one message, idempotently: the key is recorded before the message goes, a sent
// key is never sent again, and a message that cannot be delivered is recorded as failed so
// the project's lead sees it. The worker's sendMessage activity and the gateway (sign-in
// links) both send through here.
import type { MessagesConfig } from './config';
import type { Queryable } from './database';
import { RecipientDirectory, type Contact } from './directory';
import { isReminder, type OutgoingMessage } from './message';
import { Outbox } from './outbox';
import { MessagePreferences } from './preferences';
import { renderMessage } from './render';
import { unsealParams } from './sealed-params';
import { signInLinkPath, SignInLinks } from './sign-in-links';
import { NotifyTransport } from './transports/notify';
import { SmtpTransport } from './transports/smtp';
import { DeliveryError, type Transport } from './transports/transport';

export type DeliveryStatus = 'sent' | 'failed' | 'suppressed' | 'no_address';

export interface DeliveryResult {
  key: string;
  status: DeliveryStatus;
  channel: 'smtp' | 'notify';
  /** True when an earlier attempt had already sent it (nothing was sent this time). */
  alreadySent: boolean;
  error: string | null;
}

export interface SendOptions {
  /** Record a temporary failure as final (the caller's last retry). */
  lastAttempt?: boolean;
}

/** Errors are shown to the lead and kept in the outbox: addresses in them are blanked. */
const withoutAddresses = (err: DeliveryError) =>
  new DeliveryError(err.message.replace(/[^\s<>@"']+@[^\s<>@"']+/g, '[address]'), err.permanent);

export function transportFor(config: MessagesConfig): Transport {
  return config.channel === 'notify'
    ? new NotifyTransport(config.notifyApiKey, config.notifyBaseUrl, config.notifyTemplateIds)
    : new SmtpTransport(config.smtpUrl, config.from, config.domain);
}

export class Messenger {
  readonly outbox: Outbox;
  readonly preferences: MessagePreferences;
  private readonly directory: RecipientDirectory;

  constructor(
    private readonly db: Queryable,
    readonly config: MessagesConfig,
    private readonly transport: Transport = transportFor(config),
  ) {
    this.outbox = new Outbox(db);
    this.preferences = new MessagePreferences(db);
    this.directory = new RecipientDirectory(db);
  }

  /**
   * Sends the message once. Throws DeliveryError when the transport failed for now (retry
   * later); returns `failed` when it refused the message for good, or on the last attempt.
   */
  async send(message: OutgoingMessage, options: SendOptions = {}): Promise<DeliveryResult> {
    const channel = this.transport.channel;
    const result = (status: DeliveryStatus, alreadySent = false, error: string | null = null) => ({
      key: message.key,
      status,
      channel,
      alreadySent,
      error,
    });
    const row = await this.outbox.claim(message, channel);
    if (row.status === 'sent') return result('sent', true);
    if (row.status !== 'pending' && row.status !== 'sending') return result(row.status, true, row.lastError);

    const contact = await this.directory.lookup(message.recipient);
    if (!contact) {
      await this.outbox.finish(message.key, 'no_address');
      return result('no_address');
    }
    if (
      isReminder(message.type) &&
      contact.preferenceRef &&
      (await this.preferences.remindersOff(contact.preferenceRef))
    ) {
      await this.outbox.finish(message.key, 'suppressed');
      return result('suppressed');
    }
    // An earlier attempt stopped after handing it over: ask the provider before sending again.
    if (row.status === 'sending') {
      const earlier = await this.transport.findSent(message.key);
      if (earlier) {
        await this.outbox.markSent(message.key, earlier);
        return result('sent', true);
      }
    }

    const params = await this.withInvitationLink(message, contact, await unsealParams(this.db, message));
    const envelope = renderMessage({ ...message, params }, contact, this.config);
    await this.outbox.markSending(message.key);
    let providerId: string;
    try {
      providerId = await this.transport.send(envelope);
    } catch (err) {
      const error = withoutAddresses(
        err instanceof DeliveryError ? err : new DeliveryError(String(err), false),
      );
      if (error.permanent || options.lastAttempt) {
        await this.outbox.finish(message.key, 'failed', error.message);
        return result('failed', false, error.message);
      }
      await this.outbox.markNotSent(message.key, error.message);
      throw error;
    }
    await this.outbox.markSent(message.key, providerId);
    return result('sent');
  }

  /**
   * An invitation to a participant nobody has signed in as yet carries a one-time link that
   * signs the reader in and links them to the participant. It is made here, as the message
   * goes, so the link's secret never travels through Temporal or sits in the outbox.
   */
  private async withInvitationLink(
    message: OutgoingMessage,
    contact: Contact,
    params: OutgoingMessage['params'],
  ): Promise<OutgoingMessage['params']> {
    if (message.type !== 'invitation' || message.recipient.kind !== 'participant' || contact.personId)
      return params;
    const token = await new SignInLinks(this.db).create({
      email: contact.email,
      purpose: 'INVITATION',
      projectId: message.recipient.projectId,
      participantId: message.recipient.participantId,
    });
    return { ...params, signInUrl: signInLinkPath(token) };
  }

  async close(): Promise<void> {
    await this.transport.close();
  }
}
