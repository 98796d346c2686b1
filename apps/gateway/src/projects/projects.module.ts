// Projects: starting them, their steps (Temporal Updates) and reads of the read model. The
// services are exported for every other way in (audit, progress, and the web pages).
import { Module } from '@nestjs/common';
import { LifecycleResolver } from './lifecycle.resolver';
import { ParticipantsResolver } from './participants.resolver';
import { ProjectCommandsService } from './project-commands.service';
import { ProjectReadsService } from './project-reads.service';
import { ProjectsResolver } from './projects.resolver';
import { PublicFeedbackService } from './public-feedback.service';

const RESOLVERS = [ProjectsResolver, LifecycleResolver, ParticipantsResolver];

@Module({
  providers: [...RESOLVERS, ProjectReadsService, ProjectCommandsService, PublicFeedbackService],
  exports: [ProjectReadsService, ProjectCommandsService, PublicFeedbackService],
})
export class ProjectsModule {
  static readonly resolvers = RESOLVERS;
}
