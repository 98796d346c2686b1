// GraphQL inputs for projects. Their content is checked by the domain (libs/domain), so the
// same rules apply whoever sends the command.
import { Field, ID, InputType } from '@nestjs/graphql';
import { ConfidentialityEnum, LadderLevelEnum, ParticipantRoleEnum, ProjectPhaseEnum } from '../common/enums';
import type {
  Confidentiality,
  LadderLevel,
  ParticipantRole,
  ProjectPhase,
} from '../../../../libs/domain/src/vocabulary';

@InputType()
export class ProjectFilter {
  @Field(() => ID, { nullable: true })
  charterId?: string | null;

  @Field(() => ProjectPhaseEnum, { nullable: true })
  phase?: ProjectPhase | null;

  @Field(() => LadderLevelEnum, { nullable: true })
  ladderLevel?: LadderLevel | null;

  @Field(() => Boolean, { nullable: true })
  hasBreaches?: boolean | null;

  @Field(() => String, { nullable: true })
  search?: string | null;
}

@InputType()
export class ParticipantInput {
  @Field()
  displayName!: string;

  @Field(() => ParticipantRoleEnum)
  role!: ParticipantRole;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => ID, { nullable: true, description: 'the token subject this participant logs in as' })
  personId?: string | null;

  @Field(() => String, { nullable: true })
  organisation?: string | null;

  @Field(() => String, { nullable: true })
  professionalRole?: string | null;

  @Field(() => String, { nullable: true })
  conflictOfInterest?: string | null;
}

@InputType()
export class StartProjectInput {
  @Field(() => ID)
  charterId!: string;

  @Field()
  title!: string;

  @Field()
  purpose!: string;

  @Field(() => ConfidentialityEnum)
  confidentiality!: Confidentiality;

  @Field(() => [String])
  expectedOutcomes!: string[];

  @Field(() => LadderLevelEnum)
  proposedLevel!: LadderLevel;

  @Field()
  proposedReason!: string;

  @Field(() => [ParticipantInput])
  participants!: ParticipantInput[];

  @Field(() => String, {
    nullable: true,
    description: 'the same key returns the same project, nothing recorded twice',
  })
  idempotencyKey?: string | null;
}
