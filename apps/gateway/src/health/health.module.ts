// GET /health, for load balancers and `npm start`.
import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';

@Module({ controllers: [HealthController] })
export class HealthModule {
  static readonly resolvers = [];
}
