// People, memberships, sessions and who is signed in: used by the pages, the GraphQL
// context and the downloads alike.
import { Global, Module } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '../infrastructure/infrastructure.module';
import { ProjectsModule } from '../projects/projects.module';
import { EmailSignInService } from './email-sign-in.service';
import { PeopleAdminService } from './people-admin.service';
import { PeopleStore } from './people.store';
import { SessionsStore } from './sessions.store';
import { SignedInService } from './signed-in.service';
import { StaffSignInService } from './staff-sign-in.service';

@Global()
@Module({
  // Following an invitation link is the projects feature's linkParticipant step.
  imports: [ProjectsModule],
  providers: [
    { provide: PeopleStore, useFactory: (db: DataSource) => new PeopleStore(db), inject: [DATA_SOURCE] },
    { provide: SessionsStore, useFactory: (db: DataSource) => new SessionsStore(db), inject: [DATA_SOURCE] },
    SignedInService,
    StaffSignInService,
    EmailSignInService,
    PeopleAdminService,
  ],
  exports: [
    PeopleStore,
    SessionsStore,
    SignedInService,
    StaffSignInService,
    EmailSignInService,
    PeopleAdminService,
  ],
})
export class IdentityModule {
  static readonly resolvers = [];
}
