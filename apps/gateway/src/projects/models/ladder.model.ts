import { Field, ObjectType } from '@nestjs/graphql';
import { AuditActor } from '../../audit/audit.models';
import { LadderLevelEnum } from '../../common/enums';
import { DateTimeScalar } from '../../common/scalars';

@ObjectType()
export class LadderChange {
  @Field(() => LadderLevelEnum)
  level!: string;

  @Field()
  reason!: string;

  @Field(() => AuditActor)
  by!: AuditActor;

  @Field(() => DateTimeScalar)
  at!: string;
}

@ObjectType({ description: 'The rung of the ladder of participation, proposed and agreed by both sides' })
export class LadderAgreement {
  @Field(() => LadderLevelEnum)
  proposedLevel!: string;

  @Field()
  proposedReason!: string;

  @Field(() => LadderLevelEnum, { nullable: true, description: 'null until the forum side agrees' })
  agreedLevel!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  agreedAt!: string | null;

  @Field(() => AuditActor, { nullable: true })
  agreedBy!: AuditActor | null;

  @Field(() => [LadderChange])
  history!: LadderChange[];
}
