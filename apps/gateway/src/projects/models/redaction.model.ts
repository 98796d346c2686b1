import { Field, ObjectType } from '@nestjs/graphql';

export const REDACTIONS_DESCRIPTION =
  "In a mutation's result: the email addresses and phone numbers removed from the text this step was given, where and why, in plain English. Empty when nothing was removed, and in queries.";

@ObjectType({ description: 'Contact details removed from a text a step was given, and why' })
export class Redaction {
  @Field({
    description: 'where the text was in the input, e.g. "summary" or "input.youSaidWeDid[0].youSaid"',
  })
  field!: string;

  @Field(() => [String], { description: '"email address" and/or "phone number"' })
  removed!: string[];

  @Field({ description: 'what was removed and why, and how to share contact details instead' })
  message!: string;
}
