import { UseGuards } from '@nestjs/common';
import { Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AuditEvent } from '../audit/audit.models';
import { AuthGuard } from '../auth/auth.guard';
import { AuditProofsService } from './audit-proofs.service';
import { AuditCheckpoint, AuditInclusionProof } from './checkpoint.models';

@Resolver(() => AuditEvent)
@UseGuards(AuthGuard)
export class AuditProofsResolver {
  constructor(private readonly proofs: AuditProofsService) {}

  @Query(() => AuditCheckpoint, {
    nullable: true,
    description: 'The latest signed checkpoint of the whole audit log; null before the first is written',
  })
  auditCheckpoint(): AuditCheckpoint | null {
    return this.proofs.latest();
  }

  @ResolveField(() => AuditInclusionProof, {
    nullable: true,
    description:
      'Proof that this event is in the log the latest checkpoint signs; null until a checkpoint covers it',
  })
  inclusionProof(@Parent() event: AuditEvent): Promise<AuditInclusionProof | null> {
    return this.proofs.inclusionProof(event);
  }
}
