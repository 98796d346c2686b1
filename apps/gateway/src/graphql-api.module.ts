// GraphQL over Mercurius (graphql.options.ts), with refusals answered quietly in the
// contract's shape by one exception filter.
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { GraphqlRefusalFilter } from './common/graphql-exception.filter';
import type { GatewayConfig } from './config';
import { graphqlOptions } from './graphql.options';

@Module({})
export class GraphqlApiModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: GraphqlApiModule,
      imports: [GraphQLModule.forRoot(graphqlOptions(config))],
      providers: [{ provide: APP_FILTER, useClass: GraphqlRefusalFilter }],
    };
  }
}
