// The board report: the GraphQL query and the CSV/PDF downloads.
import { Module } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { BoardReportQueries } from '../../../../libs/event-store/src';
import { DATA_SOURCE } from '../infrastructure/infrastructure.module';
import { TransparencyModule } from '../transparency/transparency.module';
import { BoardReportController } from './board-report.controller';
import { BoardReportResolver } from './board-report.resolver';
import { BoardReportService } from './board-report.service';

const RESOLVERS = [BoardReportResolver];

@Module({
  imports: [TransparencyModule],
  controllers: [BoardReportController],
  providers: [
    {
      provide: BoardReportQueries,
      useFactory: (dataSource: DataSource) => new BoardReportQueries(dataSource),
      inject: [DATA_SOURCE],
    },
    BoardReportService,
    ...RESOLVERS,
  ],
  // The board report page calls the same service as the resolver and the downloads.
  exports: [BoardReportService],
})
export class BoardReportModule {
  static readonly resolvers = RESOLVERS;
}
