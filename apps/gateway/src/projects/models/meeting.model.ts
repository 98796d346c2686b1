import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { MeetingStatusEnum } from '../../common/enums';
import { DateTimeScalar } from '../../common/scalars';
import { Participant } from './participant.model';
import { CharterBreach } from './report.model';
import { Redaction, REDACTIONS_DESCRIPTION } from './redaction.model';

@ObjectType()
export class Attendance {
  @Field(() => Participant)
  participant!: Participant;

  @Field()
  present!: boolean;

  @Field(() => String, { nullable: true })
  substituteName!: string | null;

  @Field()
  leftEarly!: boolean;
}

@ObjectType()
export class Meeting {
  @Field(() => ID)
  id!: string;

  @Field()
  title!: string;

  @Field(() => DateTimeScalar)
  startsAt!: string;

  @Field(() => Int)
  durationMinutes!: number;

  @Field()
  location!: string;

  @Field(() => String, { nullable: true })
  accessibilityNotes!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  papersDistributedAt!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "startsAt minus the charter's notice" })
  papersDueBy!: string | null;

  @Field(() => MeetingStatusEnum)
  status!: string;

  @Field(() => String, { nullable: true })
  minutes!: string | null;

  @Field(() => [String])
  decisions!: string[];

  @Field(() => [String])
  actions!: string[];

  @Field(() => [Attendance])
  attendance!: Attendance[];

  @Field(() => [CharterBreach], { description: 'the charter breaches recorded about this meeting' })
  breaches!: CharterBreach[];

  @Field(() => [CharterBreach], {
    description:
      'the breaches the mutation that returned this meeting recorded (papers already late, an override); empty in queries',
  })
  breachesRecorded!: CharterBreach[];
  @Field(() => [Redaction], { description: REDACTIONS_DESCRIPTION })
  redactions!: Redaction[];
}
