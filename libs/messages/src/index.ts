// Messages: templates, the outbox and the two transports (GOV.UK Notify, SMTP). See the
// README section "Messages" for how to send one.
export * from './message';
export {
  messageLinkSecret,
  messagesConfigFromEnv,
  senderFromEnv,
  type MessagesConfig,
  type Sender,
} from './config';
export {
  Messenger,
  transportFor,
  type DeliveryResult,
  type DeliveryStatus,
  type SendOptions,
} from './messenger';
export { Outbox, type MessageStatus, type OutboxRow } from './outbox';
export { MessagePreferences, readUnsubscribeToken, unsubscribePath, unsubscribeToken } from './preferences';
export { RecipientDirectory, type Contact } from './directory';
export { messageWords, renderMessage } from './render';
export { calendarUid, meetingCalendarFile, type CalendarMeeting } from './calendar-file';
export { DeliveryError, type Envelope, type Transport } from './transports/transport';
export { messageIdFor } from './transports/smtp';
export type { Queryable } from './database';
export {
  INVITATION_LINK_DAYS,
  isLinkToken,
  SIGN_IN_LINK_MINUTES,
  signInLinkPath,
  SignInLinks,
  type SignInLink,
  type SignInLinkPurpose,
  type UsedLink,
} from './sign-in-links';
