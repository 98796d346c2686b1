// Mutations for the steps after the ladder agreement: briefing, meetings, feedback,
// acknowledgement and the closing report. Each is one Update on the project's workflow.
import { UseGuards } from '@nestjs/common';
import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '../../../../libs/domain/src/actor';
import type { ProjectCommand } from '../../../../libs/domain/src/commands';
import type { FeedbackChannel } from '../../../../libs/domain/src/vocabulary';
import { AuthGuard } from '../auth/auth.guard';
import { CurrentActor } from '../auth/current-actor.decorator';
import { assertProjectId } from '../common/app-error';
import { FeedbackChannelEnum } from '../common/enums';
import { DateTimeScalar } from '../common/scalars';
import {
  ClosingReportInput,
  RecordMeetingInput,
  ScheduleMeetingInput,
  SubmitFeedbackInput,
} from './lifecycle.inputs';
import { FeedbackItem } from './models/feedback.model';
import { Meeting } from './models/meeting.model';
import { Project } from './models/project.model';
import { ProjectCommandsService } from './project-commands.service';
import { presentFeedback, presentMeeting, type ProjectView } from './project.presenter';
import { ProjectReadsService } from './project-reads.service';

/** The id a step's first event gave to what it created (a meeting, a feedback item). */
function createdId(events: { type: string; data: unknown }[], type: string, key: string): string {
  const event = events.find((e) => e.type === type);
  return (event?.data as Record<string, string>)[key];
}

@Resolver(() => Project)
@UseGuards(AuthGuard)
export class LifecycleResolver {
  constructor(
    private readonly reads: ProjectReadsService,
    private readonly commands: ProjectCommandsService,
  ) {}

  @Mutation(() => Project)
  recordBriefing(
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('summary') summary: string,
    @Args('briefedParticipantIds', { type: () => [ID] }) briefedParticipantIds: string[],
    @CurrentActor() actor: Actor,
  ) {
    return this.project(projectId, { type: 'recordBriefing', summary, briefedParticipantIds }, actor);
  }

  @Mutation(() => Project)
  completeBriefing(@Args('projectId', { type: () => ID }) projectId: string, @CurrentActor() actor: Actor) {
    return this.project(projectId, { type: 'completeBriefing' }, actor);
  }

  @Mutation(() => Meeting)
  async scheduleMeeting(
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('input', { type: () => ScheduleMeetingInput }) input: ScheduleMeetingInput,
    @CurrentActor() actor: Actor,
  ) {
    const { project, result, redactions } = await this.run(
      projectId,
      { type: 'scheduleMeeting', input: { ...input, startsAt: input.startsAt.toISOString() } },
      actor,
    );
    const meetingId = createdId(result.events, 'MeetingScheduled', 'meetingId');
    return { ...(await this.meeting(project, meetingId, actor)), redactions };
  }

  @Mutation(() => Meeting)
  async distributePapers(
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('meetingId', { type: () => ID }) meetingId: string,
    @Args('documents', { type: () => [String] }) documents: string[],
    @CurrentActor() actor: Actor,
  ) {
    const { project, redactions } = await this.run(
      projectId,
      { type: 'distributePapers', meetingId, documents },
      actor,
    );
    return { ...(await this.meeting(project, meetingId, actor)), redactions };
  }

  @Mutation(() => Meeting)
  async recordMeeting(
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('meetingId', { type: () => ID }) meetingId: string,
    @Args('input', { type: () => RecordMeetingInput }) input: RecordMeetingInput,
    @CurrentActor() actor: Actor,
  ) {
    const { project, redactions } = await this.run(
      projectId,
      { type: 'recordMeeting', meetingId, input },
      actor,
    );
    return { ...(await this.meeting(project, meetingId, actor)), redactions };
  }

  @Mutation(() => Meeting)
  async cancelMeeting(
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('meetingId', { type: () => ID }) meetingId: string,
    @Args('reason') reason: string,
    @CurrentActor() actor: Actor,
  ) {
    const { project, redactions } = await this.run(
      projectId,
      { type: 'cancelMeeting', meetingId, reason },
      actor,
    );
    return { ...(await this.meeting(project, meetingId, actor)), redactions };
  }

  @Mutation(() => Project)
  openFeedback(
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('closesAt', { type: () => DateTimeScalar }) closesAt: Date,
    @Args('channels', { type: () => [FeedbackChannelEnum] }) channels: FeedbackChannel[],
    @CurrentActor() actor: Actor,
  ) {
    return this.project(
      projectId,
      { type: 'openFeedback', closesAt: closesAt.toISOString(), channels },
      actor,
    );
  }

  @Mutation(() => FeedbackItem)
  async submitFeedback(
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('input', { type: () => SubmitFeedbackInput }) input: SubmitFeedbackInput,
    @CurrentActor() actor: Actor,
  ) {
    const { project, result, redactions } = await this.run(
      projectId,
      { type: 'submitFeedback', ...input },
      actor,
    );
    const id = createdId(result.events, 'FeedbackSubmitted', 'feedbackId');
    const item = project.feedback.find((f) => f.id === id)!;
    return { ...presentFeedback(item, await this.reads.viewer(project, actor)), redactions };
  }

  @Mutation(() => Project)
  closeFeedback(@Args('projectId', { type: () => ID }) projectId: string, @CurrentActor() actor: Actor) {
    return this.project(projectId, { type: 'closeFeedback' }, actor);
  }

  @Mutation(() => Project)
  acknowledgeFeedback(
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('message') message: string,
    @CurrentActor() actor: Actor,
  ) {
    return this.project(projectId, { type: 'acknowledgeFeedback', message }, actor);
  }

  @Mutation(() => Project)
  publishClosingReport(
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('input', { type: () => ClosingReportInput }) input: ClosingReportInput,
    @CurrentActor() actor: Actor,
  ) {
    return this.project(projectId, { type: 'publishClosingReport', input }, actor);
  }

  private run(projectId: string, command: ProjectCommand, actor: Actor) {
    assertProjectId(projectId);
    return this.commands.step(projectId, command, actor);
  }

  private async project(projectId: string, command: ProjectCommand, actor: Actor): Promise<ProjectView> {
    const { project, redactions } = await this.run(projectId, command, actor);
    return { ...(await this.reads.view(project, actor)), redactions };
  }

  private async meeting(project: ProjectView['state'], meetingId: string, actor: Actor): Promise<Meeting> {
    const meeting = project.meetings.find((m) => m.id === meetingId)!;
    return presentMeeting(meeting, await this.reads.viewer(project, actor));
  }
}
