// What a charter administrator (ADMIN) may do with people and roles, for the admin page:
// see the people of their charters, add a person, and grant or revoke a role, only in the
// charters where they are ADMIN. Refusals are the domain's DomainError, field named.
import { Injectable } from '@nestjs/common';
import { actsInCharter, chartersWithRole, type Actor } from '../../../../libs/domain/src/actor';
import { findCharter } from '../../../../libs/domain/src/charters';
import { badInput, DomainError, forbidden } from '../../../../libs/domain/src/errors';
import { MEMBERSHIP_ROLES, PeopleStore, type MembershipRole } from './people.store';

/** Roughly what an email address looks like (the person proves it when they sign in). */
const EMAIL = /^[^\s@<>"]{1,64}@[^\s@<>"]+\.[^\s@<>"]{2,}$/;

export interface GrantInput {
  personId: string;
  charterId: string;
  role: string;
}

@Injectable()
export class PeopleAdminService {
  constructor(private readonly people: PeopleStore) {}

  /** The charters the actor administers; refused when there are none. */
  chartersOf(actor: Actor): string[] {
    const charters = chartersWithRole(actor, 'ADMIN');
    if (!charters.length)
      throw forbidden(
        'Only charter administrators can manage people and roles: your account is not an administrator (ADMIN) of any charter.',
      );
    return charters;
  }

  /** The people of the actor's charters, with their memberships there. */
  list(actor: Actor) {
    return this.people.inCharters(this.chartersOf(actor));
  }

  /** Adds a person (or finds them by email) with a first role in one of the actor's charters. */
  async add(actor: Actor, input: { name: string; email: string; charterId: string; role: string }) {
    this.chartersOf(actor);
    const name = input.name.trim();
    const email = input.email.trim();
    if (!name) throw badInput('name', 'Enter the person’s full name');
    if (name.length > 200) throw badInput('name', 'The name must be 200 characters or fewer');
    if (!email) throw badInput('email', 'Enter the person’s email address');
    if (email.length > 254 || !EMAIL.test(email))
      throw badInput('email', 'Enter an email address in the correct format, like name@example.com');
    this.checkGrant(actor, input.charterId, input.role);
    const person = await this.people.ensure({ displayName: name, email });
    await this.people.grant(person.id, input.charterId, input.role as MembershipRole, actor.id);
    return person;
  }

  async grant(actor: Actor, input: GrantInput) {
    this.checkGrant(actor, input.charterId, input.role);
    const person = await this.people.byId(input.personId);
    if (!person)
      throw new DomainError('NOT_FOUND', 'There is no such person: reload the page and try again.');
    await this.people.grant(person.id, input.charterId, input.role as MembershipRole, actor.id);
    return person;
  }

  async revoke(actor: Actor, input: GrantInput) {
    this.checkAdminOf(actor, input.charterId);
    const person = await this.people.byId(input.personId);
    if (!person)
      throw new DomainError('NOT_FOUND', 'There is no such person: reload the page and try again.');
    if (person.id === actor.id && input.role === 'ADMIN')
      throw forbidden(
        'You cannot remove your own charter administrator role: ask another administrator of the charter to do it.',
      );
    await this.people.revoke(person.id, input.charterId, input.role);
    return person;
  }

  private checkAdminOf(actor: Actor, charterId: string) {
    this.chartersOf(actor);
    if (!findCharter(charterId) || !actsInCharter(actor, charterId, 'ADMIN'))
      throw badInput('charter', 'Choose a charter you are an administrator of');
  }

  private checkGrant(actor: Actor, charterId: string, role: string) {
    this.checkAdminOf(actor, charterId);
    if (!(MEMBERSHIP_ROLES as readonly string[]).includes(role)) throw badInput('role', 'Choose a role');
  }
}
