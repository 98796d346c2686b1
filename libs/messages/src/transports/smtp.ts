// SMTP through nodemailer: one recipient per message; the Message-ID carries our key, so a
// copy sent again after a crash is recognisably the same message.
import nodemailer, { type Transporter } from 'nodemailer';
import { DeliveryError, type Envelope, type Transport } from './transport';

export const messageIdFor = (key: string, domain: string) => `<${key}@${domain}>`;

export class SmtpTransport implements Transport {
  readonly channel = 'smtp' as const;
  private readonly transporter: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
    private readonly domain: string,
  ) {
    // One connection per message keeps a dead server from holding a pooled socket.
    this.transporter = nodemailer.createTransport(smtpUrl, {
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    } as never);
  }

  async send(envelope: Envelope): Promise<string> {
    const messageId = messageIdFor(envelope.key, this.domain);
    const calendar = envelope.attachments.find((a) => a.contentType.startsWith('text/calendar'));
    try {
      await this.transporter.sendMail({
        from: this.from,
        to: envelope.to,
        subject: envelope.rendered.subject,
        text: envelope.rendered.text,
        html: envelope.rendered.html,
        messageId,
        headers: {
          'X-Message-Key': envelope.key,
          'X-Message-Type': envelope.type,
          ...(envelope.unsubscribeUrl
            ? {
                'List-Unsubscribe': `<${envelope.unsubscribeUrl}>`,
                'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
              }
            : {}),
        },
        // Calendar programs read the text/calendar part; people see the .ics file attached.
        icalEvent: calendar && {
          filename: calendar.filename,
          method: /^METHOD:(\w+)/m.exec(calendar.content)?.[1],
          content: calendar.content,
        },
        attachments: envelope.attachments.map((a) => ({
          filename: a.filename,
          content: a.content,
          contentType: a.contentType,
        })),
      });
    } catch (err) {
      const e = err as { responseCode?: number; message?: string };
      // 5xx: the server refuses this address or message for good; anything else may pass later.
      const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500;
      throw new DeliveryError(
        `The mail server did not accept the message: ${e.message ?? String(err)}`,
        permanent,
      );
    }
    return messageId;
  }

  /** SMTP cannot say what it delivered before: a resend carries the same Message-ID. */
  async findSent(): Promise<string | null> {
    return null;
  }

  async close(): Promise<void> {
    this.transporter.close();
  }
}
