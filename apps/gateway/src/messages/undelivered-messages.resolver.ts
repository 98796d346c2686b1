// Project.undeliveredMessages: the messages that could not be delivered after retries, so
// the project's lead (or key contact) can check the address or tell the person another way.
// Everyone else gets an empty list: who was messaged is the lead's business.
import { Inject, UseGuards } from '@nestjs/common';
import { Field, ID, ObjectType, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { DataSource } from 'typeorm';
import { hasParticipantRole } from '../../../../libs/domain/src/access';
import type { Actor } from '../../../../libs/domain/src/actor';
import { Outbox } from '../../../../libs/messages/src';
import { AuthGuard } from '../auth/auth.guard';
import { CurrentActor } from '../auth/current-actor.decorator';
import { DateTimeScalar } from '../common/scalars';
import { DATA_SOURCE } from '../infrastructure/infrastructure.module';
import { Project } from '../projects/models/project.model';
import type { ProjectView } from '../projects/project.presenter';

@ObjectType({ description: 'A message that could not be delivered after retries.' })
export class UndeliveredMessage {
  @Field(() => ID, { description: 'the message key (also its Message-ID and Notify reference)' })
  key!: string;

  @Field({ description: 'the kind of message, e.g. meetingBooked' })
  type!: string;

  @Field(() => ID, { nullable: true, description: 'the participant it was for' })
  participantId!: string | null;

  @Field({ description: 'who it was for, by name' })
  recipientName!: string;

  @Field({ description: 'why it could not be delivered, in the mail service’s words' })
  reason!: string;

  @Field(() => DateTimeScalar)
  failedAt!: string;
}

@Resolver(() => Project)
@UseGuards(AuthGuard)
export class UndeliveredMessagesResolver {
  private readonly outbox: Outbox;

  constructor(@Inject(DATA_SOURCE) dataSource: DataSource) {
    this.outbox = new Outbox(dataSource);
  }

  @ResolveField(() => [UndeliveredMessage], {
    description: 'messages that could not be delivered after retries (the lead and key contact only)',
  })
  async undeliveredMessages(
    @Parent() project: ProjectView,
    @CurrentActor() actor: Actor,
  ): Promise<UndeliveredMessage[]> {
    if (!hasParticipantRole(project.state, actor, 'LEAD', 'KEY_CONTACT')) return [];
    const rows = await this.outbox.undelivered(project.id);
    return rows.map((row) => {
      const participantId = row.recipient.startsWith('participant:') ? row.recipient.slice(12) : null;
      const participant = project.state.participants.find((p) => p.id === participantId);
      return {
        key: row.key,
        type: row.type,
        participantId,
        recipientName: participant?.displayName ?? 'someone who gave a reply address',
        reason: row.lastError ?? 'The mail service did not accept it.',
        failedAt: new Date(row.updatedAt).toISOString(),
      };
    });
  }
}
