import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConfidentialityEnum, ProjectPhaseEnum } from '../../common/enums';
import { PageInfo } from '../../common/page-info.model';
import { DateTimeScalar } from '../../common/scalars';
import { Charter } from '../../charters/charter.model';
import { Acknowledgement, FeedbackItem, FeedbackWindow } from './feedback.model';
import { LadderAgreement } from './ladder.model';
import { Meeting } from './meeting.model';
import { Participant } from './participant.model';
import { Briefing, CharterBreach, ClosingReport, Deadline } from './report.model';
import { Redaction, REDACTIONS_DESCRIPTION } from './redaction.model';

@ObjectType({ description: 'A co-produced project under a charter' })
export class Project {
  @Field(() => ID)
  id!: string;

  @Field()
  title!: string;

  @Field()
  purpose!: string;

  @Field(() => Charter)
  charter!: Charter;

  @Field(() => ProjectPhaseEnum)
  phase!: string;

  @Field(() => ConfidentialityEnum)
  confidentiality!: string;

  @Field(() => [String])
  expectedOutcomes!: string[];

  @Field(() => LadderAgreement)
  ladder!: LadderAgreement;

  @Field(() => [Participant])
  participants!: Participant[];

  @Field(() => Briefing, { nullable: true })
  briefing!: Briefing | null;

  @Field(() => [Meeting])
  meetings!: Meeting[];

  @Field(() => FeedbackWindow, { nullable: true })
  feedbackWindow!: FeedbackWindow | null;

  @Field(() => [FeedbackItem])
  feedback!: FeedbackItem[];

  @Field(() => Acknowledgement, { nullable: true })
  acknowledgement!: Acknowledgement | null;

  @Field(() => ClosingReport, { nullable: true })
  closingReport!: ClosingReport | null;

  @Field(() => [CharterBreach])
  breaches!: CharterBreach[];

  @Field(() => [CharterBreach], {
    description:
      'the breaches the mutation that returned this project recorded (e.g. an acknowledgement sent late); empty in queries',
  })
  breachesRecorded!: CharterBreach[];

  @Field(() => [Deadline], { description: 'open deadlines, soonest first' })
  deadlines!: Deadline[];

  @Field(() => DateTimeScalar)
  createdAt!: string;

  @Field(() => DateTimeScalar)
  updatedAt!: string;

  @Field(() => Int, { description: 'number of events recorded for this project' })
  version!: number;

  @Field(() => [Redaction], { description: REDACTIONS_DESCRIPTION })
  redactions!: Redaction[];
}

@ObjectType()
export class ProjectEdge {
  @Field()
  cursor!: string;

  @Field(() => Project)
  node!: Project;
}

@ObjectType()
export class ProjectConnection {
  @Field(() => [ProjectEdge])
  edges!: ProjectEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}
