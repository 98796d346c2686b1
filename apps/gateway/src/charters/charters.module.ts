// The charter profiles, as the domain holds them.
import { Module } from '@nestjs/common';
import { ChartersResolver } from './charters.resolver';

const RESOLVERS = [ChartersResolver];

@Module({ providers: RESOLVERS })
export class ChartersModule {
  static readonly resolvers = RESOLVERS;
}
