import { Field, Int, ObjectType } from '@nestjs/graphql';
import { DateTimeScalar } from '../common/scalars';

@ObjectType({
  description:
    'A signed checkpoint of the whole audit log (C2SP tlog-checkpoint): the size and root of the RFC 6962 Merkle tree over every event, in append order, signed with Ed25519 outside the database',
})
export class AuditCheckpoint {
  @Field({ description: "the log's name, the note's first line" })
  origin!: string;

  @Field(() => Int, { description: 'how many events the tree covers (the first N in append order)' })
  treeSize!: number;

  @Field({ description: 'the Merkle tree root, base64 as in the note' })
  rootHash!: string;

  @Field({ description: 'the signed note exactly as written: text, blank line, signature line' })
  note!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'the public key the note was checked with (<name>+<key id>+<base64>), null if none is configured',
  })
  publicKey!: string | null;

  @Field(() => DateTimeScalar, { description: 'when the checkpoint was written' })
  signedAt!: string;
}

@ObjectType({
  description:
    'That an event is in the log the checkpoint signs (RFC 6962 audit path). Leaf hash = SHA-256(0x00 || the 32 bytes of the event hash); with the path, it leads to the checkpoint root',
})
export class AuditInclusionProof {
  @Field(() => Int, { description: "the event's place in the log, from 0" })
  leafIndex!: number;

  @Field(() => Int)
  treeSize!: number;

  @Field({ description: 'hex SHA-256 of 0x00 followed by the bytes of the event hash' })
  leafHash!: string;

  @Field(() => [String], { description: 'hex hashes of the audit path, from the leaf up' })
  hashes!: string[];

  @Field(() => AuditCheckpoint)
  checkpoint!: AuditCheckpoint;
}
