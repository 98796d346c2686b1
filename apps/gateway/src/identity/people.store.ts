// The product's people and their memberships (person, charter, role): where roles come
// from for everyone who signs in to the pages. Plain SQL over the gateway's pool.
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Actor, Membership } from '../../../../libs/domain/src/actor';

/** Roles a membership can give: the token roles plus the charter administrator. */
export const MEMBERSHIP_ROLES = [
  'LEAD',
  'KEY_CONTACT',
  'PARENT_REP',
  'YOUNG_PERSON',
  'PROFESSIONAL',
  'FORUM',
  'BOARD',
  'ADMIN',
] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

export interface Person {
  id: string;
  displayName: string;
  email: string | null;
  oidcSubject: string | null;
}

interface PersonRow {
  id: string;
  display_name: string;
  email: string | null;
  oidc_subject: string | null;
}

const person = (row: PersonRow): Person => ({
  id: row.id,
  displayName: row.display_name,
  email: row.email,
  oidcSubject: row.oidc_subject,
});

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export class PeopleStore {
  constructor(private readonly db: DataSource) {}

  async byId(id: string): Promise<Person | null> {
    const rows: PersonRow[] = await this.db.query(`SELECT * FROM people WHERE id = $1`, [id]);
    return rows[0] ? person(rows[0]) : null;
  }

  async byEmail(email: string): Promise<Person | null> {
    const rows: PersonRow[] = await this.db.query(`SELECT * FROM people WHERE email = $1`, [
      normaliseEmail(email),
    ]);
    return rows[0] ? person(rows[0]) : null;
  }

  async bySubject(subject: string): Promise<Person | null> {
    const rows: PersonRow[] = await this.db.query(`SELECT * FROM people WHERE oidc_subject = $1`, [subject]);
    return rows[0] ? person(rows[0]) : null;
  }

  async list(): Promise<Person[]> {
    const rows: PersonRow[] = await this.db.query(`SELECT * FROM people ORDER BY display_name, id`);
    return rows.map(person);
  }

  /**
   * The people with a membership in any of these charters, by name, each with their
   * memberships in those charters only (what an administrator of them may see).
   */
  async inCharters(charterIds: readonly string[]): Promise<(Person & { memberships: Membership[] })[]> {
    const rows: (PersonRow & { charter_id: string; role: string })[] = await this.db.query(
      `SELECT p.*, m.charter_id, m.role FROM people p JOIN memberships m ON m.person_id = p.id
        WHERE m.charter_id = ANY($1) ORDER BY p.display_name, p.id, m.charter_id, m.role`,
      [charterIds],
    );
    const byId = new Map<string, Person & { memberships: Membership[] }>();
    for (const row of rows) {
      const found = byId.get(row.id) ?? { ...person(row), memberships: [] };
      found.memberships.push({ charterId: row.charter_id, role: row.role });
      byId.set(row.id, found);
    }
    return [...byId.values()];
  }

  /** Adds a person, or returns the one with that email address. */
  async ensure(input: { displayName: string; email?: string | null; id?: string }): Promise<Person> {
    const email = input.email ? normaliseEmail(input.email) : null;
    if (email) {
      const existing = await this.byEmail(email);
      if (existing) return existing;
    }
    const rows: PersonRow[] = await this.db.query(
      `INSERT INTO people (id, display_name, email) VALUES ($1, $2, $3)
       ON CONFLICT (email) DO UPDATE SET email = EXCLUDED.email RETURNING *`,
      [input.id ?? randomUUID(), input.displayName.trim(), email],
    );
    return person(rows[0]);
  }

  async linkSubject(personId: string, subject: string): Promise<void> {
    await this.db.query(`UPDATE people SET oidc_subject = $2 WHERE id = $1`, [personId, subject]);
  }

  async memberships(personId: string): Promise<Membership[]> {
    const rows: { charter_id: string; role: string }[] = await this.db.query(
      `SELECT charter_id, role FROM memberships WHERE person_id = $1 ORDER BY charter_id, role`,
      [personId],
    );
    return rows.map((r) => ({ charterId: r.charter_id, role: r.role }));
  }

  async grant(personId: string, charterId: string, role: MembershipRole, grantedBy: string | null) {
    await this.db.query(
      `INSERT INTO memberships (person_id, charter_id, role, granted_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING`,
      [personId, charterId, role, grantedBy],
    );
  }

  async revoke(personId: string, charterId: string, role: string) {
    await this.db.query(`DELETE FROM memberships WHERE person_id = $1 AND charter_id = $2 AND role = $3`, [
      personId,
      charterId,
      role,
    ]);
  }

  /** The person as an Actor: roles and charters from their memberships, charter by charter. */
  async actorOf(p: Person): Promise<Actor> {
    const memberships = await this.memberships(p.id);
    return {
      id: p.id,
      displayName: p.displayName,
      roles: [...new Set(memberships.map((m) => m.role))],
      charters: [...new Set(memberships.map((m) => m.charterId))],
      memberships,
    };
  }
}
