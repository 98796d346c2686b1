import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { PageInfo } from '../common/page-info.model';
import { DateTimeScalar, JSONScalar } from '../common/scalars';

@ObjectType({ description: 'Who took a step: a person (token subject) or "system" for timers' })
export class AuditActor {
  @Field(() => ID)
  id!: string;

  @Field()
  displayName!: string;

  @Field(() => [String])
  roles!: string[];
}

@ObjectType({ description: 'One recorded step, chained to the one before by its hash' })
export class AuditEvent {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  projectId!: string;

  @Field(() => Int, { description: '1, 2, 3 ... within the project, no gaps' })
  sequence!: number;

  @Field({ description: 'e.g. "ProjectStarted", "LadderLevelAgreed"' })
  type!: string;

  @Field(() => AuditActor)
  actor!: AuditActor;

  @Field(() => DateTimeScalar)
  occurredAt!: string;

  @Field(() => JSONScalar, { description: "the event's fields, with personal contact details left out" })
  data!: unknown;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field({ description: 'hex sha-256 over prevHash and the canonical event' })
  hash!: string;

  @Field({ description: '64 zeros for sequence 1' })
  prevHash!: string;
}

@ObjectType()
export class AuditEventEdge {
  @Field()
  cursor!: string;

  @Field(() => AuditEvent)
  node!: AuditEvent;
}

@ObjectType()
export class AuditEventConnection {
  @Field(() => [AuditEventEdge])
  edges!: AuditEventEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ObjectType()
export class AuditVerification {
  @Field(() => ID)
  projectId!: string;

  @Field()
  valid!: boolean;

  @Field(() => Int)
  eventCount!: number;

  @Field(() => String, { nullable: true })
  headHash!: string | null;

  @Field(() => Int, { nullable: true, description: 'null when valid' })
  firstInvalidSequence!: number | null;
}

@InputType()
export class AuditFilter {
  @Field(() => ID, { nullable: true })
  projectId?: string | null;

  @Field(() => ID, { nullable: true })
  actorId?: string | null;

  @Field(() => [String], { nullable: true })
  types?: string[] | null;

  @Field(() => DateTimeScalar, { nullable: true })
  from?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  to?: Date | null;
}
