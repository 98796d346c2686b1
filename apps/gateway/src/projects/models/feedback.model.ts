import { Field, ID, ObjectType } from '@nestjs/graphql';
import { FeedbackChannelEnum } from '../../common/enums';
import { DateScalar, DateTimeScalar } from '../../common/scalars';
import { Participant } from './participant.model';
import { Redaction, REDACTIONS_DESCRIPTION } from './redaction.model';

@ObjectType()
export class FeedbackWindow {
  @Field(() => DateTimeScalar)
  opensAt!: string;

  @Field(() => DateTimeScalar)
  closesAt!: string;

  @Field(() => [FeedbackChannelEnum])
  channels!: string[];

  @Field(() => DateTimeScalar, { nullable: true })
  closedAt!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The public feedback link's path on this service (`/feedback/<id>`) once the lead has published one.",
  })
  publicLinkPath!: string | null;
}

@ObjectType()
export class FeedbackItem {
  @Field(() => ID)
  id!: string;

  @Field(() => FeedbackChannelEnum)
  channel!: string;

  @Field()
  body!: string;

  @Field(() => Participant, { nullable: true, description: 'null when anonymous or not a participant' })
  from!: Participant | null;

  @Field(() => DateTimeScalar)
  receivedAt!: string;

  @Field(() => [Redaction], { description: REDACTIONS_DESCRIPTION })
  redactions!: Redaction[];
}

@ObjectType()
export class Acknowledgement {
  @Field(() => DateScalar, { description: "close date + the charter's working days" })
  dueBy!: string;

  @Field(() => DateTimeScalar, { nullable: true })
  sentAt!: string | null;

  @Field(() => String, { nullable: true })
  message!: string | null;

  @Field(() => Boolean, { nullable: true })
  onTime!: boolean | null;
}
