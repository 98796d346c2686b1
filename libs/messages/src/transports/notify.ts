// GOV.UK Notify: one template per message type (NOTIFY_TEMPLATE_IDS), filled in with our
// rendered subject and body plus each fact of the message; `reference` carries our key, so
// after a crash we can ask Notify whether the message was already sent.
import { NotifyClient } from 'notifications-node-client';
import type { MessageType } from '../message';
import { DeliveryError, type Envelope, type Transport } from './transport';

interface NotifyHttpError {
  response?: { status?: number; data?: { errors?: { error?: string; message?: string }[] } };
  code?: string;
  message?: string;
}

export class NotifyTransport implements Transport {
  readonly channel = 'notify' as const;
  private readonly client: NotifyClient;

  constructor(
    apiKey: string,
    baseUrl: string | null,
    private readonly templateIds: Partial<Record<MessageType, string>>,
  ) {
    this.client = baseUrl ? new NotifyClient(baseUrl, apiKey) : new NotifyClient(apiKey);
  }

  async send(envelope: Envelope): Promise<string> {
    const templateId = this.templateIds[envelope.type];
    if (!templateId)
      throw new DeliveryError(
        `No GOV.UK Notify template is set for "${envelope.type}" messages: add it to NOTIFY_TEMPLATE_IDS.`,
        true,
      );
    const personalisation: Record<string, unknown> = {
      subject: envelope.rendered.subject,
      body: envelope.rendered.text,
    };
    for (const [name, value] of Object.entries(envelope.params))
      personalisation[name] = Array.isArray(value) ? value : value === null ? '' : String(value);
    const calendar = envelope.attachments.find((a) => a.contentType.startsWith('text/calendar'));
    if (calendar)
      personalisation.calendar_file = this.client.prepareUpload(Buffer.from(calendar.content), {
        filename: calendar.filename,
        confirmEmailBeforeDownload: false,
      });
    try {
      const response = await this.client.sendEmail(templateId, envelope.to, {
        personalisation,
        reference: envelope.key,
        ...(envelope.unsubscribeUrl ? { oneClickUnsubscribeURL: envelope.unsubscribeUrl } : {}),
      });
      return (response.data as { id: string }).id;
    } catch (err) {
      throw notifyError(err as NotifyHttpError);
    }
  }

  async findSent(key: string): Promise<string | null> {
    try {
      const response = await this.client.getNotifications('email', undefined as never, key);
      const found = (response.data as { notifications?: { id: string }[] }).notifications ?? [];
      return found[0]?.id ?? null;
    } catch (err) {
      throw notifyError(err as NotifyHttpError);
    }
  }

  async close(): Promise<void> {}
}

function notifyError(err: NotifyHttpError): DeliveryError {
  const status = err.response?.status;
  const detail = err.response?.data?.errors?.map((e) => e.message).join('; ') || err.message || String(err);
  // 400: Notify refuses this message (a bad address, missing personalisation) for good.
  // 403 (a wrong key), 429 (too many) and 5xx may pass once fixed or later.
  return new DeliveryError(`GOV.UK Notify did not accept the message: ${detail}`, status === 400);
}
