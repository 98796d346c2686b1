// Checks a bearer token (HS256 JWT) and turns its claims into an Actor.
import jwt from 'jsonwebtoken';
import type { Actor } from '../../../../libs/domain/src/actor';
import { TOKEN_ROLES } from '../../../../libs/domain/src/vocabulary';

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
  const roles = stringList(claims.roles);
  const charters = stringList(claims.charters);
  if (typeof claims.sub !== 'string' || !claims.sub || !roles || !charters)
    return { problem: 'claims missing' };
  return {
    actor: {
      id: claims.sub,
      displayName: typeof claims.name === 'string' && claims.name ? claims.name : claims.sub,
      roles: roles.filter((r) => (TOKEN_ROLES as readonly string[]).includes(r)),
      charters,
    },
  };
}
