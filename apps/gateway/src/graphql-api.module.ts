// GraphQL over Mercurius (graphql.options.ts), asking SignedInService (the identity feature,
// global) who the caller is, as the pages do; with refusals answered quietly in the
// contract's shape by one exception filter, text inputs checked and retries made safe.
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver } from '@nestjs/mercurius';
import { GraphqlRefusalFilter } from './common/graphql-exception.filter';
import { IdempotencyInterceptor } from './common/idempotency';
import { StoredTextPipe } from './common/stored-text.pipe';
import type { GatewayConfig } from './config';
import { graphqlOptions } from './graphql.options';
import { SignedInService } from './identity/signed-in.service';

@Module({})
export class GraphqlApiModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: GraphqlApiModule,
      imports: [
        GraphQLModule.forRootAsync({
          driver: MercuriusDriver,
          inject: [SignedInService],
          useFactory: (signedIn: SignedInService) => graphqlOptions(config, signedIn),
        }),
      ],
      providers: [
        { provide: APP_FILTER, useClass: GraphqlRefusalFilter },
        // Every string input is checked at the edge; every mutation honours Idempotency-Key.
        { provide: APP_PIPE, useClass: StoredTextPipe },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
    };
  }
}
