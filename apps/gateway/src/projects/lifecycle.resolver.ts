// Mutations for the steps after the ladder agreement: briefing, meetings, feedback,
// acknowledgement and the closing report. Each is one Update on the project's workflow.
import { UseGuards } from '@nestjs/common';
import { Args, ID, Int, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '../../../../libs/domain/src/actor';
import type { ProjectCommand } from '../../../../libs/domain/src/commands';
import type { FeedbackChannel } from '../../../../libs/domain/src/vocabulary';
import type { Redaction } from '../../../../libs/domain/src/redaction';
import type { StepResult } from '../../../../workflows/src/definitions';
import { AuthGuard } from '../auth/auth.guard';
import { CurrentActor } from '../auth/current-actor.decorator';
import { assertProjectId } from '../common/app-error';
import { conflict } from '../../../../libs/domain/src/errors';
import { FeedbackChannelEnum } from '../common/enums';
import { DateTimeScalar } from '../common/scalars';
import {
  ClosingReportInput,
  PastMeetingInput,
  RecordMeetingInput,
  ScheduleMeetingInput,
  SubmitFeedbackInput,
} from './lifecycle.inputs';
import { FeedbackItem } from './models/feedback.model';
import { Meeting } from './models/meeting.model';
import { Project } from './models/project.model';
import { ProjectCommandsService } from './project-commands.service';
import { breachesRecordedBy, presentFeedback, presentMeeting, type ProjectView } from './project.presenter';
import { ProjectReadsService } from './project-reads.service';
import { PublicFeedbackService } from './public-feedback.service';
import { ProjectIdArgs } from '../common/project-id.args';

/** What a step created; a repeat of an Idempotency-Key first used on another kind of step has none. */
function createdBy<T>(id: T | undefined): T {
  if (id === undefined)
    throw conflict('This Idempotency-Key was already used for another step: use a new key for each step.');
  return id;
}

@Resolver(() => Project)
@UseGuards(AuthGuard)
export class LifecycleResolver {
  constructor(
    private readonly reads: ProjectReadsService,
    private readonly commands: ProjectCommandsService,
    private readonly links: PublicFeedbackService,
  ) {}

  @Mutation(() => Project)
  recordBriefing(
    @Args() { projectId }: ProjectIdArgs,
    @Args('summary') summary: string,
    @Args('briefedParticipantIds', { type: () => [ID] }) briefedParticipantIds: string[],
    @CurrentActor() actor: Actor,
  ) {
    return this.project(projectId, { type: 'recordBriefing', summary, briefedParticipantIds }, actor);
  }

  @Mutation(() => Project)
  completeBriefing(@Args() { projectId }: ProjectIdArgs, @CurrentActor() actor: Actor) {
    return this.project(projectId, { type: 'completeBriefing' }, actor);
  }

  @Mutation(() => Meeting)
  async scheduleMeeting(
    @Args() { projectId }: ProjectIdArgs,
    @Args('input', { type: () => ScheduleMeetingInput }) input: ScheduleMeetingInput,
    @CurrentActor() actor: Actor,
  ) {
    const { project, result, redactions } = await this.run(
      projectId,
      { type: 'scheduleMeeting', input: { ...input, startsAt: input.startsAt.toISOString() } },
      actor,
    );
    return this.meeting(project, createdBy(result.created.meetingId), actor, result, redactions);
  }

  @Mutation(() => Meeting)
  async distributePapers(
    @Args() { projectId }: ProjectIdArgs,
    @Args('meetingId', { type: () => ID }) meetingId: string,
    @Args('documents', { type: () => [String] }) documents: string[],
    @CurrentActor() actor: Actor,
  ) {
    const { project, result, redactions } = await this.run(
      projectId,
      { type: 'distributePapers', meetingId, documents },
      actor,
    );
    return this.meeting(project, meetingId, actor, result, redactions);
  }

  @Mutation(() => Meeting)
  async recordMeeting(
    @Args() { projectId }: ProjectIdArgs,
    @Args('meetingId', { type: () => ID }) meetingId: string,
    @Args('input', { type: () => RecordMeetingInput }) input: RecordMeetingInput,
    @CurrentActor() actor: Actor,
  ) {
    const { project, result, redactions } = await this.run(
      projectId,
      { type: 'recordMeeting', meetingId, input },
      actor,
    );
    return this.meeting(project, meetingId, actor, result, redactions);
  }

  @Mutation(() => Meeting)
  async cancelMeeting(
    @Args() { projectId }: ProjectIdArgs,
    @Args('meetingId', { type: () => ID }) meetingId: string,
    @Args('reason') reason: string,
    @CurrentActor() actor: Actor,
  ) {
    const { project, result, redactions } = await this.run(
      projectId,
      { type: 'cancelMeeting', meetingId, reason },
      actor,
    );
    return this.meeting(project, meetingId, actor, result, redactions);
  }

  @Mutation(() => Meeting)
  async rescheduleMeeting(
    @Args() { projectId }: ProjectIdArgs,
    @Args('meetingId', { type: () => ID }) meetingId: string,
    @Args('startsAt', { type: () => DateTimeScalar }) startsAt: Date,
    @Args('durationMinutes', { type: () => Int }) durationMinutes: number,
    @CurrentActor() actor: Actor,
    @Args('overrideReason', { type: () => String, nullable: true }) overrideReason?: string,
  ) {
    const command: ProjectCommand = {
      type: 'rescheduleMeeting',
      meetingId,
      startsAt: startsAt.toISOString(),
      durationMinutes,
      overrideReason: overrideReason ?? null,
    };
    const { project, result, redactions } = await this.run(projectId, command, actor);
    return this.meeting(project, meetingId, actor, result, redactions);
  }

  @Mutation(() => Meeting, { description: 'a meeting held without being booked here' })
  async recordPastMeeting(
    @Args() { projectId }: ProjectIdArgs,
    @Args('input', { type: () => PastMeetingInput }) input: PastMeetingInput,
    @CurrentActor() actor: Actor,
  ) {
    const { project, result, redactions } = await this.run(
      projectId,
      { type: 'recordPastMeeting', input: { ...input, startsAt: input.startsAt.toISOString() } },
      actor,
    );
    return this.meeting(project, createdBy(result.created.meetingId), actor, result, redactions);
  }

  @Mutation(() => Project)
  openFeedback(
    @Args() { projectId }: ProjectIdArgs,
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
    @Args() { projectId }: ProjectIdArgs,
    @Args('input', { type: () => SubmitFeedbackInput }) input: SubmitFeedbackInput,
    @CurrentActor() actor: Actor,
  ) {
    const { project, result, redactions } = await this.commands.submitFeedback(projectId, input, actor);
    const item = project.feedback.find((f) => f.id === createdBy(result.created.feedbackId))!;
    return { ...presentFeedback(item, await this.reads.viewer(project, actor)), redactions };
  }

  @Mutation(() => Project, {
    description:
      'Opens the feedback window to everyone: anyone can answer the returned `feedbackWindow.publicLinkPath` without signing in (the project LEAD, while feedback is open; one link per window).',
  })
  async publishFeedbackLink(
    @Args() { projectId }: ProjectIdArgs,
    @Args('channel', { type: () => FeedbackChannelEnum }) channel: FeedbackChannel,
    @CurrentActor() actor: Actor,
  ) {
    assertProjectId(projectId);
    return this.present(await this.links.publish(projectId, channel, actor), actor);
  }

  @Mutation(() => Project)
  closeFeedback(@Args() { projectId }: ProjectIdArgs, @CurrentActor() actor: Actor) {
    return this.project(projectId, { type: 'closeFeedback' }, actor);
  }

  @Mutation(() => Project)
  acknowledgeFeedback(
    @Args() { projectId }: ProjectIdArgs,
    @Args('message') message: string,
    @CurrentActor() actor: Actor,
  ) {
    return this.project(projectId, { type: 'acknowledgeFeedback', message }, actor);
  }

  @Mutation(() => Project)
  publishClosingReport(
    @Args() { projectId }: ProjectIdArgs,
    @Args('input', { type: () => ClosingReportInput }) input: ClosingReportInput,
    @CurrentActor() actor: Actor,
  ) {
    return this.project(projectId, { type: 'publishClosingReport', input }, actor);
  }

  private run<C extends ProjectCommand>(projectId: string, command: C, actor: Actor) {
    assertProjectId(projectId);
    return this.commands.step(projectId, command, actor);
  }

  private async project(projectId: string, command: ProjectCommand, actor: Actor): Promise<ProjectView> {
    return this.present(await this.run(projectId, command, actor), actor);
  }

  /** A step's project as the caller sees it, with the breaches the step recorded. */
  private async present(
    { project, result, redactions }: Awaited<ReturnType<LifecycleResolver['run']>>,
    actor: Actor,
  ): Promise<ProjectView> {
    return {
      ...(await this.reads.view(project, actor)),
      breachesRecorded: breachesRecordedBy(project, result.events),
      redactions,
    };
  }

  /** The meeting as committed, with the breaches the step recorded (so the caller can tell the person). */
  private async meeting(
    project: ProjectView['state'],
    meetingId: string,
    actor: Actor,
    result: StepResult,
    redactions: Redaction[],
  ): Promise<Meeting> {
    const meeting = project.meetings.find((m) => m.id === meetingId)!;
    return {
      ...presentMeeting(meeting, await this.reads.viewer(project, actor)),
      breachesRecorded: breachesRecordedBy(project, result.events),
      redactions,
    };
  }
}
