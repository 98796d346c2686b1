// Project.sealedTexts: a MEETING_GROUP project's confidential texts with the salts of their
// commitments, for its participants only, so they can check each text against the audit
// trail: commitment = "sha256:" + hex SHA-256(salt bytes || UTF-8 text).
import { UseGuards } from '@nestjs/common';
import { Field, ObjectType, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { isParticipant } from '../../../../libs/domain/src/access';
import type { Actor } from '../../../../libs/domain/src/actor';
import { EventStore } from '../../../../libs/event-store/src';
import { AuthGuard } from '../auth/auth.guard';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Project } from '../projects/models/project.model';
import type { ProjectView } from '../projects/project.presenter';

@ObjectType({ description: "A MEETING_GROUP text and the salt of the commitment its project's events hold" })
export class SealedText {
  @Field({ description: 'the "sha256:<hex>" value in the events' })
  commitment!: string;

  @Field(() => String, {
    nullable: true,
    description: 'hex of the 32 random bytes hashed before the text; null for texts sealed before salts',
  })
  salt!: string | null;

  @Field()
  text!: string;
}

@Resolver(() => Project)
@UseGuards(AuthGuard)
export class SealedTextsResolver {
  constructor(private readonly store: EventStore) {}

  @ResolveField(() => [SealedText], {
    description: 'MEETING_GROUP texts with their salts, for participants only (empty for everyone else)',
  })
  async sealedTexts(@Parent() project: ProjectView, @CurrentActor() actor: Actor): Promise<SealedText[]> {
    const state = project.state;
    if (state.confidentiality !== 'MEETING_GROUP' || !isParticipant(state, actor)) return [];
    const texts = await this.store.getSealedTexts(state.id);
    return texts.map((t) => ({
      commitment: t.commitment,
      salt: t.salt?.toString('hex') ?? null,
      text: t.text,
    }));
  }
}
