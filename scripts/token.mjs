// Mint a JWT for local use (HS256, signed with AUTH_JWT_SECRET or the local development
// default), and print only the token, so that this works:
//
//   TOKEN=$(npm run -s token -- --role LEAD --charter worcestershire)
//   curl -H "Authorization: Bearer $TOKEN" ...
//
// Options: --role R (repeatable, or a comma list), --charter C (same), --sub ID, --name "Name",
// --hours N (default 12, at most 24: the gateway refuses tokens that live longer).

import crypto from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { LOCAL_DEVELOPMENT_SECRET } from './lib/local-secret.mjs';
import { fail, main } from './lib/ui.mjs';

// The contract's roles and the charters of DOMAIN.md's seeds.
export const ROLES = ['LEAD', 'KEY_CONTACT', 'PARENT_REP', 'YOUNG_PERSON', 'PROFESSIONAL', 'FORUM', 'BOARD'];
export const CHARTERS = ['wokingham', 'north-northamptonshire', 'worcestershire', 'warrington', 'hounslow'];

const USAGE = `Usage: npm run -s token -- --role ROLE [--role ROLE…] --charter CHARTER [--charter …]
                          [--sub ID] [--name "Full Name"] [--hours 12]
Roles:    ${ROLES.join(', ')}
Charters: ${CHARTERS.join(', ')}
Signed with AUTH_JWT_SECRET, or the local development secret when it is not set.`;

const base64url = (data) => Buffer.from(data).toString('base64url');

/** Sign `claims` as an HS256 JWT. */
export function mintToken(claims, secret) {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64url(JSON.stringify(claims));
  const signature = crypto.createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

/** The secret tokens are signed with: AUTH_JWT_SECRET, or the local development default. */
export function tokenSecret() {
  return process.env.AUTH_JWT_SECRET || LOCAL_DEVELOPMENT_SECRET;
}

const titleCase = (s) =>
  s
    .toLowerCase()
    .split('_')
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join(' ');

/** Checked claims for a local token: `sub`, `name`, `roles`, `charters`, `iat`, `exp`. */
export function localClaims({ roles, charters, sub, name, hours = 12 }) {
  const badRole = roles.find((r) => !ROLES.includes(r));
  if (badRole) fail(`"${badRole}" is not a role. Use one of: ${ROLES.join(', ')}.`);
  const badCharter = charters.find((c) => !CHARTERS.includes(c));
  if (badCharter) fail(`"${badCharter}" is not a charter. Use one of: ${CHARTERS.join(', ')}.`);
  if (roles.length === 0) fail(`Give at least one --role (${ROLES.join(', ')}).`);
  if (!(Number.isFinite(hours) && hours > 0 && hours <= 24))
    fail(
      '--hours must be a number above 0 and at most 24 (the gateway refuses longer-lived tokens), e.g. --hours 12.',
    );
  const iat = Math.floor(Date.now() / 1000);
  return {
    sub: sub || `local-${roles.join('-').toLowerCase().replaceAll('_', '-')}`,
    name: name || `Local ${roles.map(titleCase).join(' and ')}`,
    roles,
    charters,
    iat,
    exp: iat + Math.round(hours * 3600),
  };
}

// "--role LEAD,BOARD --role FORUM" → ['LEAD', 'BOARD', 'FORUM']
const list = (values = []) =>
  [...new Set(values.flatMap((v) => v.split(',')).map((v) => v.trim()))].filter((v) => v !== '');

function cli() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        role: { type: 'string', multiple: true },
        charter: { type: 'string', multiple: true },
        sub: { type: 'string' },
        name: { type: 'string' },
        hours: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    fail(`${err.message.split('\n')[0].replace(/\.$/, '')}. Run: npm run -s token -- --help`);
  }
  const { values } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const claims = localClaims({
    roles: list(values.role).map((r) => r.toUpperCase()),
    charters: list(values.charter).map((c) => c.toLowerCase()),
    sub: values.sub,
    name: values.name,
    hours: values.hours === undefined ? 12 : Number(values.hours),
  });
  process.stdout.write(`${mintToken(claims, tokenSecret())}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) main(cli);
