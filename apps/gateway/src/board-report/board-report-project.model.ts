// A project in the board report, with the promises of the charter broken on it in the period.
import { Field, ID, ObjectType } from '@nestjs/graphql';
import { LadderLevelEnum, ProjectPhaseEnum } from '../common/enums';
import { DateTimeScalar } from '../common/scalars';
import { CharterBreach } from '../projects/models/report.model';

@ObjectType({
  description: 'A project with a step in the period, and the charter breaches recorded on it in the period',
})
export class BoardReportProject {
  @Field(() => ID)
  projectId!: string;

  @Field()
  title!: string;

  @Field(() => ProjectPhaseEnum, { description: 'the phase it is in now' })
  phase!: string;

  @Field(() => LadderLevelEnum, {
    nullable: true,
    description: "the level agreed (the closing report's, once closed); null while none is agreed",
  })
  levelAgreed!: string | null;

  @Field(() => LadderLevelEnum, { nullable: true, description: 'null until the closing report' })
  levelAchieved!: string | null;

  @Field(() => DateTimeScalar)
  startedAt!: string;

  @Field(() => [CharterBreach], {
    description:
      'the promises (charter rules) checked and broken in the period, oldest first: when, what happened, and the reason recorded (an override reason; null for a deadline the service saw pass)',
  })
  breaches!: CharterBreach[];
}
