// Messages seen from the gateway: the one-click unsubscribe link of reminders, and (from the
// next step) the lead's list of messages that could not be delivered.
import { Module } from '@nestjs/common';
import { UnsubscribeController } from './unsubscribe.controller';

const RESOLVERS: [] = [];

@Module({ controllers: [UnsubscribeController], providers: [...RESOLVERS] })
export class MessagesModule {
  static readonly resolvers = RESOLVERS;
}
