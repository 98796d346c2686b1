import { UseGuards } from '@nestjs/common';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { CHARTERS, findCharter } from '../../../../libs/domain/src/charters';
import { AuthGuard } from '../auth/auth.guard';
import { Charter } from './charter.model';

@Resolver(() => Charter)
@UseGuards(AuthGuard)
export class ChartersResolver {
  @Query(() => [Charter])
  charters(): Charter[] {
    return [...CHARTERS] as Charter[];
  }

  @Query(() => Charter, { nullable: true })
  charter(@Args('id', { type: () => ID }) id: string): Charter | null {
    return (findCharter(id) as Charter | undefined) ?? null;
  }
}
