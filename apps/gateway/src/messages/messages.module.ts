// Messages seen from the gateway: the one-click unsubscribe link of reminders, and the lead's
// list of messages that could not be delivered (Project.undeliveredMessages).
import { Module } from '@nestjs/common';
import { UndeliveredMessagesResolver } from './undelivered-messages.resolver';
import { UnsubscribeController } from './unsubscribe.controller';

const RESOLVERS = [UndeliveredMessagesResolver];

@Module({ controllers: [UnsubscribeController], providers: [...RESOLVERS] })
export class MessagesModule {
  static readonly resolvers = RESOLVERS;
}
