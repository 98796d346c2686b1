// Connections to the engines the gateway stands on: PostgreSQL (the event store and its
// read models) and Temporal (the project workflows).
import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { ContactStore, createDataSource, EventStore } from '../../../../libs/event-store/src';
import { encryptingDataConverter } from '../../../../libs/payload-codec/src';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';

export const DATA_SOURCE = Symbol('DATA_SOURCE');
export const TEMPORAL_CONNECTION = Symbol('TEMPORAL_CONNECTION');

@Global()
@Module({})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CONNECTION) private readonly connection: Connection,
  ) {}

  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: DATA_SOURCE, useFactory: () => createDataSource(config.databaseUrl).initialize() },
        { provide: EventStore, useFactory: (ds: DataSource) => new EventStore(ds), inject: [DATA_SOURCE] },
        {
          provide: ContactStore,
          useFactory: (ds: DataSource) => new ContactStore(ds),
          inject: [DATA_SOURCE],
        },
        // Lazy: the gateway starts even while Temporal is still starting; /health says so.
        {
          provide: TEMPORAL_CONNECTION,
          useFactory: () => Connection.lazy({ address: config.temporalAddress }),
        },
        {
          provide: Client,
          useFactory: (connection: Connection) =>
            new Client({
              connection,
              namespace: config.namespace,
              dataConverter: encryptingDataConverter(config.payloadKeys),
            }),
          inject: [TEMPORAL_CONNECTION],
        },
      ],
      exports: [GATEWAY_CONFIG, DATA_SOURCE, EventStore, ContactStore, TEMPORAL_CONNECTION, Client],
    };
  }

  async onApplicationShutdown() {
    await this.connection.close();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
