// Checks a bearer token (HS256 JWT) and turns its claims into an Actor.
import jwt from 'jsonwebtoken';
import type { Actor } from '../../../../libs/domain/src/actor';
import { unstorableCharacters } from '../../../../libs/domain/src/input-checks';
import { TOKEN_ROLES } from '../../../../libs/domain/src/vocabulary';

/** The longest a token may be valid for (README "Tokens"; `npm run token` keeps within it). */
export const MAX_TOKEN_LIFETIME_SECONDS = 24 * 3600;

export type TokenCheck = { actor: Actor } | { problem: string };

const stringList = (value: unknown) =>
  Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : null;

export function actorFromAuthorization(header: string | undefined, secret: string): TokenCheck {
  if (!header) return { problem: 'missing' };
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) return { problem: 'not a bearer token' };
  let claims: jwt.JwtPayload;
  try {
    const verified = jwt.verify(match[1], secret, { algorithms: ['HS256'] });
    if (typeof verified === 'string') return { problem: 'not a JSON token' };
    claims = verified;
  } catch (err) {
    return { problem: (err as Error).message };
  }
  // A token that never expires is a key that cannot be taken back: `exp` is required, and
  // a token may live at most a day from when it was issued.
  const now = Math.floor(Date.now() / 1000);
  if (typeof claims.exp !== 'number') return { problem: 'no expiry (exp)' };
  const issuedAt = typeof claims.iat === 'number' ? Math.min(claims.iat, now) : now;
  if (claims.exp - issuedAt > MAX_TOKEN_LIFETIME_SECONDS) return { problem: 'lives longer than allowed' };
  const roles = stringList(claims.roles);
  const charters = stringList(claims.charters);
  if (typeof claims.sub !== 'string' || !claims.sub || !roles || !charters)
    return { problem: 'claims missing' };
  // The name and id reach audit events: refuse text that cannot be stored there.
  const texts = [claims.sub, claims.name, ...roles, ...charters].filter((v) => typeof v === 'string');
  if (texts.some((text) => unstorableCharacters(text))) return { problem: 'claims hold unstorable text' };
  return {
    actor: {
      id: claims.sub,
      displayName: typeof claims.name === 'string' && claims.name ? claims.name : claims.sub,
      roles: roles.filter((r) => (TOKEN_ROLES as readonly string[]).includes(r)),
      charters,
    },
  };
}
