import { Field, ID, ObjectType } from '@nestjs/graphql';
import { AuditEvent } from '../audit/audit.models';
import { ProjectPhaseEnum } from '../common/enums';

@ObjectType({ description: 'One step recorded on a project, as it happens' })
export class ProjectProgress {
  @Field(() => ID)
  projectId!: string;

  @Field(() => ProjectPhaseEnum, { description: 'The phase the project is in after this event' })
  phase!: string;

  @Field(() => AuditEvent)
  event!: AuditEvent;
}
