// Signed checkpoints of the audit log and inclusion proofs against them (README "Signed
// checkpoints"): the auditCheckpoint query, AuditEvent.inclusionProof, and the service the
// board report and the pages use; and Project.sealedTexts, for checking MEETING_GROUP texts.
import { Module } from '@nestjs/common';
import { AuditProofsResolver } from './audit-proofs.resolver';
import { AuditProofsService } from './audit-proofs.service';
import { CHECKPOINT_SETTINGS, checkpointSettingsFromEnv } from './checkpoint-settings';
import { SealedTextsResolver } from './sealed-texts.resolver';

const RESOLVERS = [AuditProofsResolver, SealedTextsResolver];

@Module({
  providers: [
    { provide: CHECKPOINT_SETTINGS, useFactory: () => checkpointSettingsFromEnv() },
    AuditProofsService,
    ...RESOLVERS,
  ],
  exports: [AuditProofsService],
})
export class TransparencyModule {
  static readonly resolvers = RESOLVERS;
}
