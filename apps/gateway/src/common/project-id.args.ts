// The `projectId` argument that most project operations take.
import { ArgsType, Field, ID } from '@nestjs/graphql';

@ArgsType()
export class ProjectIdArgs {
  @Field(() => ID)
  projectId!: string;
}
