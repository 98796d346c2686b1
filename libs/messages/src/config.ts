// How messages are delivered, from the environment: GOV.UK Notify when NOTIFY_API_KEY is
// set, otherwise SMTP at SMTP_URL. See README "Messages".
import { MESSAGE_TYPES, type MessageType } from './message';

export type MessagesConfig = {
  /** What people see as the service's name (the email header and the From name). */
  serviceName: string;
  /** The web's address, for links in messages (CONTRACT.md "Web"). */
  publicBaseUrl: string;
  /** The From address (SMTP) and the domain of Message-IDs and calendar UIDs. */
  from: string;
  domain: string;
  /** Signs one-click unsubscribe links. */
  linkSecret: string;
} & (
  | { channel: 'smtp'; smtpUrl: string }
  | {
      channel: 'notify';
      notifyApiKey: string;
      notifyBaseUrl: string | null;
      notifyTemplateIds: Partial<Record<MessageType, string>>;
    }
);

const DEFAULT_FROM = 'Co-production service <no-reply@coproduction.localhost>';

function notifyTemplateIds(env: NodeJS.ProcessEnv): Partial<Record<MessageType, string>> {
  let ids: Record<string, string> = {};
  if (env.NOTIFY_TEMPLATE_IDS) {
    try {
      ids = JSON.parse(env.NOTIFY_TEMPLATE_IDS) as Record<string, string>;
    } catch {
      throw new Error('NOTIFY_TEMPLATE_IDS is not JSON: write it as {"meetingBooked":"<template id>", …}.');
    }
  }
  const result: Partial<Record<MessageType, string>> = {};
  for (const type of MESSAGE_TYPES) {
    const id =
      env[`NOTIFY_TEMPLATE_${type.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`] ??
      ids[type] ??
      env.NOTIFY_TEMPLATE_ID;
    if (id) result[type] = id;
  }
  return result;
}

/** The secret that signs one-click links in messages (the gateway checks them with it). */
export const messageLinkSecret = (env: NodeJS.ProcessEnv = process.env) =>
  env.MESSAGE_LINK_SECRET || env.AUTH_JWT_SECRET || 'local-message-links';

/** Who messages come from (and calendar files are organised by), whether or not any can be sent. */
export type Sender = Pick<MessagesConfig, 'serviceName' | 'from' | 'domain'>;

export function senderFromEnv(env: NodeJS.ProcessEnv = process.env): Sender {
  const from = env.MESSAGES_FROM || DEFAULT_FROM;
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'coproduction.localhost';
  return { serviceName: env.SERVICE_NAME || 'Co-production service', from, domain };
}

/** Reads the configuration; null when no transport is configured (nothing can be sent). */
export function messagesConfigFromEnv(env: NodeJS.ProcessEnv = process.env): MessagesConfig | null {
  const common = {
    ...senderFromEnv(env),
    publicBaseUrl: (env.PUBLIC_BASE_URL || `http://localhost:${env.PORT || 3000}`).replace(/\/+$/, ''),
    linkSecret: messageLinkSecret(env),
  };
  if (env.NOTIFY_API_KEY)
    return {
      ...common,
      channel: 'notify',
      notifyApiKey: env.NOTIFY_API_KEY,
      notifyBaseUrl: env.NOTIFY_BASE_URL || null,
      notifyTemplateIds: notifyTemplateIds(env),
    };
  if (env.SMTP_URL) return { ...common, channel: 'smtp', smtpUrl: env.SMTP_URL };
  return null;
}
