// The board report for GraphQL and the downloads: who may see it, what is asked, and the
// numbers (counted in SQL by the event store's BoardReportQueries).
import { Injectable } from '@nestjs/common';
import { actsInCharter, type Actor } from '../../../../libs/domain/src/actor';
import { findCharter, type CharterProfile } from '../../../../libs/domain/src/charters';
import { badInput, DomainError } from '../../../../libs/domain/src/errors';
import {
  BoardReportQueries,
  validateBoardReportInput,
  type BoardReportData,
} from '../../../../libs/event-store/src';
import { AuditProofsService } from '../transparency/audit-proofs.service';
import type { AuditCheckpoint } from '../transparency/checkpoint.models';

/** The report with its charter profile, in the shape of the GraphQL BoardReport. */
export interface BoardReportView extends Omit<BoardReportData, 'charterId'> {
  charter: CharterProfile;
  checkpoint: AuditCheckpoint | null;
}

@Injectable()
export class BoardReportService {
  constructor(
    private readonly queries: BoardReportQueries,
    private readonly proofs: AuditProofsService,
  ) {}

  /**
   * Checks in the contract's order: authorization (BOARD in the charter), then the input;
   * throws DomainError. An unknown charter is BAD_USER_INPUT on `charterId`, as for
   * startProject; the caller must already be BOARD in a charter of that id, so this tells a
   * stranger nothing.
   */
  check(actor: Actor, charterId: string, from: string, to: string): void {
    if (!actsInCharter(actor, charterId, 'BOARD'))
      throw new DomainError(
        'FORBIDDEN',
        'Only members of the board of this charter can see its board report: your account is not a board member (BOARD) in this charter.',
      );
    const problem = validateBoardReportInput(charterId, from, to);
    if (problem) throw badInput(problem.field, problem.message);
  }

  /** The report, after `check`. */
  async report(actor: Actor, charterId: string, from: string, to: string): Promise<BoardReportView> {
    this.check(actor, charterId, from, to);
    const { charterId: _id, ...data } = await this.queries.report(charterId, from, to);
    return { charter: findCharter(charterId)!, ...data, checkpoint: this.proofs.latest() };
  }
}
