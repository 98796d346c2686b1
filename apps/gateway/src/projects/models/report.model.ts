import { Field, ID, ObjectType } from '@nestjs/graphql';
import { LadderLevelEnum } from '../../common/enums';
import { DateTimeScalar } from '../../common/scalars';
import { Participant } from './participant.model';

@ObjectType()
export class Briefing {
  @Field(() => DateTimeScalar)
  heldAt!: string;

  @Field()
  summary!: string;

  @Field(() => [Participant])
  briefed!: Participant[];

  @Field(() => [String], { description: 'abbreviations in the summary never expanded' })
  unexplainedAbbreviations!: string[];
}

@ObjectType({ description: 'One "You said, we did" entry' })
export class YouSaidWeDid {
  @Field()
  youSaid!: string;

  @Field()
  weDid!: string;

  @Field(() => [ID])
  feedbackIds!: string[];
}

@ObjectType()
export class ClosingReport {
  @Field(() => DateTimeScalar)
  publishedAt!: string;

  @Field(() => [YouSaidWeDid])
  youSaidWeDid!: YouSaidWeDid[];

  @Field(() => LadderLevelEnum)
  levelAgreed!: string;

  @Field(() => LadderLevelEnum)
  levelAchieved!: string;

  @Field(() => String, { nullable: true })
  barriers!: string | null;

  @Field(() => String, { nullable: true })
  lessonsLearned!: string | null;

  @Field(() => String, { nullable: true })
  celebrate!: string | null;
}

@ObjectType({ description: 'A charter promise that was not kept, recorded for the board' })
export class CharterBreach {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'CharterRule.id' })
  rule!: string;

  @Field(() => DateTimeScalar)
  at!: string;

  @Field({ description: 'plain English' })
  detail!: string;

  @Field(() => String, { nullable: true, description: 'the reason given, where the step was allowed' })
  reason!: string | null;

  @Field(() => ID, { nullable: true, description: 'the meeting the breach is about, if any' })
  meetingId!: string | null;
}

@ObjectType()
export class Deadline {
  @Field({ description: 'e.g. "papers", "acknowledgement"' })
  kind!: string;

  @Field(() => DateTimeScalar)
  dueAt!: string;

  @Field(() => ID, { nullable: true })
  meetingId!: string | null;
}
