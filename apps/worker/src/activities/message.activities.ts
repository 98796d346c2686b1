// The sendMessage activity: one message to one recipient, idempotent by its key (see
// libs/messages). Temporal retries it with back-off while the transport is down; on the
// last attempt, or when the address is refused for good, it records the failure instead.
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { DeliveryError, type Messenger } from '../../../../libs/messages/src';
import type { MessageActivities, SendMessageInput } from '../../../../workflows/src/definitions';
import { whileHeartbeating } from './heartbeat';

/** `'off'`: sending is switched off (MESSAGES=off); each message is dropped unrecorded. */
export function createMessageActivities(messenger: Messenger | null | 'off'): MessageActivities {
  return {
    async sendMessage({ message, giveUpAfterAttempts }: SendMessageInput) {
      if (messenger === 'off') return { status: 'off', channel: 'smtp', error: null };
      if (!messenger)
        throw ApplicationFailure.retryable(
          'No way to send messages is set up: set SMTP_URL or NOTIFY_API_KEY for the worker.',
          'NoTransport',
        );
      const lastAttempt = Context.current().info.attempt >= giveUpAfterAttempts;
      try {
        // Alive while the mail server answers: a crash mid-send is retried within seconds.
        const result = await whileHeartbeating(() => messenger.send(message, { lastAttempt }));
        return { status: result.status, channel: result.channel, error: result.error };
      } catch (err) {
        if (err instanceof DeliveryError)
          throw ApplicationFailure.retryable(err.message, 'TransportUnavailable');
        throw err;
      }
    },
  };
}
