import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ParticipantRoleEnum } from '../../common/enums';

@ObjectType({ description: 'A person taking part in a project' })
export class Participant {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { nullable: true, description: 'the token subject this participant logs in as, if any' })
  personId!: string | null;

  @Field()
  displayName!: string;

  @Field(() => ParticipantRoleEnum)
  role!: string;

  @Field(() => String, { nullable: true })
  organisation!: string | null;

  @Field(() => String, { nullable: true, description: 'for PROFESSIONAL: what they do on this project' })
  professionalRole!: string | null;

  @Field(() => String, { nullable: true, description: 'declared at the outset, null if none' })
  conflictOfInterest!: string | null;

  @Field(() => String, { nullable: true, description: 'null unless the viewer may see it' })
  email!: string | null;
}
