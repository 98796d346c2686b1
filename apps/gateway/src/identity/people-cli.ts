// `npm run admin -- --email ada@example.org --name "Ada Admin" --charter worcestershire`:
// adds a charter administrator (the first one, who then adds everyone else on the admin
// page). `--role LEAD` etc. gives another role instead. Uses DATABASE_URL, or the database
// `npm start` runs by default. With `--examples` it adds the example people of a local run.
import { parseArgs } from 'node:util';
import { findCharter } from '../../../../libs/domain/src/charters';
import { createDataSource } from '../../../../libs/event-store/src';
import { DEFAULT_DATABASE_URL } from '../../../../libs/event-store/src/verify-audit';
import { MEMBERSHIP_ROLES, PeopleStore, type MembershipRole } from './people.store';

export interface PersonToAdd {
  name: string;
  email: string;
  memberships: [string, string][];
}

/** Adds each person (found again by email when they exist) and their memberships. */
export async function addPeople(people: PeopleStore, list: PersonToAdd[]): Promise<string[]> {
  const lines: string[] = [];
  for (const p of list) {
    const person = await people.ensure({ displayName: p.name, email: p.email });
    for (const [charterId, role] of p.memberships) {
      if (!findCharter(charterId)) throw new Error(`There is no charter "${charterId}".`);
      if (!(MEMBERSHIP_ROLES as readonly string[]).includes(role))
        throw new Error(`"${role}" is not a role: use one of ${MEMBERSHIP_ROLES.join(', ')}.`);
      await people.grant(person.id, charterId, role as MembershipRole, 'npm run admin');
    }
    lines.push(
      `${person.displayName} <${person.email}>: ${p.memberships.map(([c, r]) => `${r} in ${c}`).join(', ')}`,
    );
  }
  return lines;
}

async function main() {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      charter: { type: 'string', multiple: true },
      role: { type: 'string', default: 'ADMIN' },
      examples: { type: 'string' },
    },
  });
  let list: PersonToAdd[];
  if (values.examples) list = JSON.parse(values.examples) as PersonToAdd[];
  else {
    if (!values.email || !values.name || !values.charter?.length)
      throw new Error(
        'Give --email, --name and --charter, e.g. npm run admin -- --email ada@example.org --name "Ada Admin" --charter worcestershire',
      );
    list = [
      { name: values.name, email: values.email, memberships: values.charter.map((c) => [c, values.role!]) },
    ];
  }
  const dataSource = await createDataSource(process.env.DATABASE_URL || DEFAULT_DATABASE_URL, {
    poolSize: 1,
  }).initialize();
  try {
    for (const line of await addPeople(new PeopleStore(dataSource), list)) console.log(`Added ${line}`);
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module)
  main().catch((err: Error) => {
    console.error(`Could not add the person: ${err.message}`);
    process.exit(1);
  });
