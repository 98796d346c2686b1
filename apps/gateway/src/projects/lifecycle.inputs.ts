// GraphQL inputs for the lifecycle steps after the ladder agreement. Their content is
// checked by the domain, so the same rules apply whoever sends the command.
import { Field, ID, InputType, Int, PickType } from '@nestjs/graphql';
import { FeedbackChannelEnum, LadderLevelEnum } from '../common/enums';
import { DateTimeScalar } from '../common/scalars';
import { YouSaidWeDid } from './models/report.model';
import type { FeedbackChannel, LadderLevel } from '../../../../libs/domain/src/vocabulary';

@InputType()
export class ScheduleMeetingInput {
  @Field()
  title!: string;

  @Field(() => DateTimeScalar)
  startsAt!: Date;

  @Field(() => Int)
  durationMinutes!: number;

  @Field()
  location!: string;

  @Field(() => String, { nullable: true })
  accessibilityNotes?: string | null;

  @Field(() => String, { nullable: true, description: 'needed to go ahead against a MONITORED rule' })
  overrideReason?: string | null;
}

@InputType()
export class AttendanceInput {
  @Field(() => ID)
  participantId!: string;

  @Field()
  present!: boolean;

  @Field(() => String, { nullable: true })
  substituteName?: string | null;

  @Field(() => Boolean, { nullable: true })
  leftEarly?: boolean | null;
}

@InputType()
export class RecordMeetingInput {
  @Field()
  minutes!: string;

  @Field(() => [String])
  decisions!: string[];

  @Field(() => [String])
  actions!: string[];

  @Field(() => [AttendanceInput])
  attendance!: AttendanceInput[];
}

@InputType()
export class PastMeetingInput {
  @Field()
  title!: string;

  @Field(() => DateTimeScalar, { description: 'in the past' })
  startsAt!: Date;

  @Field(() => Int)
  durationMinutes!: number;

  @Field()
  location!: string;

  @Field({ description: 'why it was not booked here' })
  reason!: string;

  @Field(() => RecordMeetingInput)
  record!: RecordMeetingInput;
}

@InputType()
export class SubmitFeedbackInput {
  @Field(() => FeedbackChannelEnum)
  channel!: FeedbackChannel;

  @Field()
  body!: string;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  anonymous?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description:
      'anonymous feedback only: an email address for the acknowledgement and the closing report, kept apart from the item and never linked to its author',
  })
  replyTo?: string | null;
}

/** What the closing report's "You said, we did" entry holds, sent as it is read back. */
@InputType()
export class YouSaidWeDidInput extends PickType(
  YouSaidWeDid,
  ['youSaid', 'weDid', 'feedbackIds'] as const,
  InputType,
) {}

@InputType()
export class ClosingReportInput {
  @Field(() => [YouSaidWeDidInput])
  youSaidWeDid!: YouSaidWeDidInput[];

  @Field(() => LadderLevelEnum)
  levelAchieved!: LadderLevel;

  @Field(() => String, { nullable: true })
  barriers?: string | null;

  @Field(() => String, { nullable: true })
  lessonsLearned?: string | null;

  @Field(() => String, { nullable: true })
  celebrate?: string | null;
}
