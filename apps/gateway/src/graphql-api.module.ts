// GraphQL over Mercurius (graphql.options.ts), with refusals answered quietly in the
// contract's shape by one exception filter, text inputs checked and retries made safe.
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { GraphqlRefusalFilter } from './common/graphql-exception.filter';
import { IdempotencyInterceptor } from './common/idempotency';
import { StoredTextPipe } from './common/stored-text.pipe';
import type { GatewayConfig } from './config';
import { graphqlOptions } from './graphql.options';

@Module({})
export class GraphqlApiModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: GraphqlApiModule,
      imports: [GraphQLModule.forRoot(graphqlOptions(config))],
      providers: [
        { provide: APP_FILTER, useClass: GraphqlRefusalFilter },
        // Every string input is checked at the edge; every mutation honours Idempotency-Key.
        { provide: APP_PIPE, useClass: StoredTextPipe },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
    };
  }
}
