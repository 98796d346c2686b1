// The board report's GraphQL types, as the contract's schema.graphql spells them.
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Charter } from '../charters/charter.model';
import { LadderLevelEnum } from '../common/enums';
import { BoardReportProject } from './board-report-project.model';
import { DateScalar } from '../common/scalars';
import { AuditCheckpoint } from '../transparency/checkpoint.models';

@ObjectType({ description: 'Projects of one rung of the ladder of participation' })
export class LadderCount {
  @Field(() => LadderLevelEnum)
  level!: string;

  @Field(() => Int, { description: 'projects started in the period whose agreed level is this one' })
  agreed!: number;

  @Field(() => Int, { description: 'projects closed in the period whose closing report achieved this level' })
  achieved!: number;
}

@ObjectType({ description: 'How often one charter rule was checked in the period, and breached' })
export class RuleCompliance {
  @Field({ description: 'CharterRule.id' })
  rule!: string;

  @Field(() => Int, { description: 'steps in the period at which the rule was applied' })
  checked!: number;

  @Field(() => Int, { description: 'breaches of the rule recorded in the period' })
  breached!: number;
}

@ObjectType({ description: 'A project below co-production, with the reason' })
export class ProjectSummary {
  @Field(() => ID)
  projectId!: string;

  @Field()
  title!: string;

  @Field(() => LadderLevelEnum, { nullable: true, description: 'null while no level is agreed' })
  levelAgreed!: string | null;

  @Field(() => LadderLevelEnum, { nullable: true, description: 'null until the closing report' })
  levelAchieved!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "the closing report's barriers when achieved is below agreed, otherwise the ladder reason",
  })
  reason!: string | null;
}

@ObjectType({ description: "What a charter's projects did in a period, for its board" })
export class BoardReport {
  @Field(() => Charter)
  charter!: Charter;

  @Field(() => DateScalar, { description: 'first day of the period (Europe/London)' })
  from!: string;

  @Field(() => DateScalar, { description: 'last day of the period, included (Europe/London)' })
  to!: string;

  @Field(() => Int)
  projectsStarted!: number;

  @Field(() => Int)
  projectsClosed!: number;

  @Field(() => [LadderCount], { description: 'one per level, in ladder order' })
  ladder!: LadderCount[];

  @Field(() => [RuleCompliance], { description: 'one per rule the charter does not switch off' })
  compliance!: RuleCompliance[];

  @Field(() => [ProjectSummary], { description: 'projects below CO_PRODUCTION with their reasons' })
  coProductionNotAchieved!: ProjectSummary[];

  @Field(() => [BoardReportProject], {
    description:
      'every project with a step in the period, oldest start first, with the promises broken on it in the period',
  })
  projects!: BoardReportProject[];

  @Field(() => Int, {
    description: 'entries ("You said, we did") in closing reports published in the period',
  })
  youSaidWeDidCount!: number;

  @Field(() => AuditCheckpoint, {
    nullable: true,
    description: 'the latest signed checkpoint of the whole audit log when the report was made',
  })
  checkpoint!: AuditCheckpoint | null;
}
