// A transport sends one rendered message to one address. Errors say whether trying again
// may help (the server is down) or not (the address is refused).
import type { MessageParams, MessageType } from '../message';
import type { Rendered } from '../templates';

export interface Attachment {
  filename: string;
  content: string;
  contentType: string;
}

export interface Envelope {
  key: string;
  type: MessageType;
  to: string;
  rendered: Rendered;
  attachments: Attachment[];
  /** For reminders: the one-click unsubscribe link (List-Unsubscribe). */
  unsubscribeUrl: string | null;
  /** The template data, for transports whose own templates fill them in (GOV.UK Notify). */
  params: MessageParams;
}

export interface Transport {
  readonly channel: 'smtp' | 'notify';
  /** Sends one message; returns the provider's id of it. Throws DeliveryError. */
  send(envelope: Envelope): Promise<string>;
  /** The provider's id of a message already sent under this key, where the provider can tell. */
  findSent(key: string): Promise<string | null>;
  close(): Promise<void>;
}

export class DeliveryError extends Error {
  constructor(
    message: string,
    /** True when the address or the message is refused for good: retrying will not help. */
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}
