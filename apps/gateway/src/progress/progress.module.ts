// Subscriptions to a project's progress: one LISTEN connection per gateway process, fanned
// out to this process's subscribers (see progress-hub.ts and project-events.listener.ts).
import { Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { EventStore } from '../../../../libs/event-store/src';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { ProjectsModule } from '../projects/projects.module';
import { ProgressHub } from './progress-hub';
import { ProgressResolver } from './progress.resolver';
import { ProjectEventsListener } from './project-events.listener';

const RESOLVERS = [ProgressResolver];

@Module({
  imports: [ProjectsModule],
  providers: [
    {
      provide: ProjectEventsListener,
      useFactory: (config: GatewayConfig) =>
        new ProjectEventsListener({
          connectionString: config.databaseUrl,
          log: new Logger('ProjectEventsListener'),
        }),
      inject: [GATEWAY_CONFIG],
    },
    {
      provide: ProgressHub,
      useFactory: (store: EventStore, listener: ProjectEventsListener) =>
        new ProgressHub(store, listener, {
          log: new Logger('ProjectProgress'),
          // An error with a path and no code: answered as an unexpected error (formatError).
          internalError: (err) => new GraphQLError(err.message, { path: ['projectProgress'] }),
        }),
      inject: [EventStore, ProjectEventsListener],
    },
    ...RESOLVERS,
  ],
})
export class ProgressModule implements OnApplicationShutdown {
  static readonly resolvers = RESOLVERS;

  constructor(
    @Inject(ProgressHub) private readonly hub: ProgressHub,
    @Inject(ProjectEventsListener) private readonly listener: ProjectEventsListener,
  ) {}

  async onApplicationShutdown() {
    this.hub.close();
    await this.listener.stop();
  }
}
