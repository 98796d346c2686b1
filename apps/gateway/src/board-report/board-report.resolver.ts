import { UseGuards } from '@nestjs/common';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../../../../libs/domain/src/actor';
import { AuthGuard } from '../auth/auth.guard';
import { CurrentActor } from '../auth/current-actor.decorator';
import { DateScalar } from '../common/scalars';
import { BoardReport } from './board-report.models';
import { BoardReportService, type BoardReportView } from './board-report.service';

@Resolver(() => BoardReport)
@UseGuards(AuthGuard)
export class BoardReportResolver {
  constructor(private readonly reports: BoardReportService) {}

  @Query(() => BoardReport, {
    description:
      "A charter's projects in a period (both days included, Europe/London), for BOARD in that charter",
  })
  async boardReport(
    @Args('charterId', { type: () => ID }) charterId: string,
    @Args('from', { type: () => DateScalar }) from: string,
    @Args('to', { type: () => DateScalar }) to: string,
    @CurrentActor() actor: Actor,
  ): Promise<BoardReportView> {
    return this.reports.report(actor, charterId, from, to);
  }
}
