import { Field, ID, ObjectType } from '@nestjs/graphql';
import { RuleModeEnum } from '../common/enums';
import { JSONScalar } from '../common/scalars';

@ObjectType({ description: 'One rule of a charter profile, with the words it rests on' })
export class CharterRule {
  @Field({ description: 'e.g. "papers.minNoticeDays"' })
  id!: string;

  @Field({ description: 'plain English' })
  description!: string;

  @Field(() => RuleModeEnum)
  mode!: string;

  @Field(() => JSONScalar, {
    nullable: true,
    description: 'e.g. 7, {"from":"10:00","to":"14:00"}; null when OFF',
  })
  value!: unknown;

  @Field({ description: 'seed file and the words it rests on' })
  source!: string;
}

@ObjectType({ description: "A local area's co-production charter, as a profile of rules" })
export class Charter {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  forumName!: string | null;

  @Field(() => String, { nullable: true })
  boardName!: string | null;

  @Field(() => [CharterRule])
  rules!: CharterRule[];
}
