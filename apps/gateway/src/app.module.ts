// The gateway: the engines it stands on, the GraphQL API, and one module per feature.
import { Module, type DynamicModule } from '@nestjs/common';
import { CodecModule } from './codec/codec.module';
import type { GatewayConfig } from './config';
import { FEATURE_MODULES } from './features';
import { GraphqlApiModule } from './graphql-api.module';
import { InfrastructureModule } from './infrastructure/infrastructure.module';

@Module({})
export class AppModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.forRoot(config),
        GraphqlApiModule.forRoot(config),
        ...FEATURE_MODULES,
        CodecModule,
      ],
    };
  }
}
