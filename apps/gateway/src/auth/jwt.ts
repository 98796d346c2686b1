// Checks a bearer token (HS256 JWT) and turns its claims into an Actor.
import jwt from 'jsonwebtoken';
import type { Actor } from '../../../../libs/domain/src/actor';
import { CHARTERS } from '../../../../libs/domain/src/charters';
import { unstorableCharacters } from '../../../../libs/domain/src/input-checks';
import { TOKEN_ROLES } from '../../../../libs/domain/src/vocabulary';

/** The longest a token may be valid for (README "Tokens"; `npm run token` keeps within it). */
export const MAX_TOKEN_LIFETIME_SECONDS = 24 * 3600;

/**
 * The actor a token names, or what is wrong with it in words its holder can act on. A token
 * that also names charters this service does not know is still accepted (an unknown
 * `charterId` stays BAD_USER_INPUT where it is used, as the contract's order of checks has
 * it), but its `notice` says so, and every refusal of the request (FORBIDDEN) carries it.
 */
type Accepted = { actor: Actor; notice: string | null };
export type TokenCheck = Accepted | { problem: string };

const GET_A_NEW_ONE = 'Sign in again, or get a new token (locally: npm run -s token).';
const quoted = (items: readonly string[]) => items.map((i) => `"${i}"`).join(', ');

function problemOf(err: unknown): string {
  if (err instanceof jwt.TokenExpiredError)
    return `Your token expired at ${err.expiredAt.toISOString()}. ${GET_A_NEW_ONE}`;
  if (err instanceof jwt.NotBeforeError) return `Your token is not valid until ${err.date.toISOString()}.`;
  return `This token was not issued by this service or is damaged, so it cannot be checked. ${GET_A_NEW_ONE}`;
}

const stringList = (value: unknown) =>
  Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : null;

/**
 * Tokens already checked, until they expire: a client sends the same token with every
 * request, and checking it again (the HMAC, the claims) is work whose answer cannot change
 * before `exp`. Bounded: the oldest entries make way for new ones.
 */
const CHECKED_TOKENS_KEPT = 5_000;
const checkedTokens = new Map<string, { check: Accepted; expiresAtMs: number }>();

export function actorFromAuthorization(header: string | undefined, secret: string): TokenCheck {
  if (!header) return { problem: 'Please sign in: send a valid token as "Authorization: Bearer <token>".' };
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) return { problem: 'Please sign in: send the token as "Authorization: Bearer <token>".' };
  const cacheKey = `${secret}\n${match[1]}`;
  const cached = checkedTokens.get(cacheKey);
  if (cached && Date.now() < cached.expiresAtMs) return copyOf(cached.check);
  if (cached) checkedTokens.delete(cacheKey);
  const check = checkToken(match[1], secret);
  if ('actor' in check) {
    const { exp } = jwt.decode(match[1]) as jwt.JwtPayload;
    if (checkedTokens.size >= CHECKED_TOKENS_KEPT) checkedTokens.delete(checkedTokens.keys().next().value!);
    checkedTokens.set(cacheKey, { check, expiresAtMs: exp! * 1000 });
    return copyOf(check);
  }
  return check;
}

/** Each request its own actor, so nothing one request does to it reaches another. */
function copyOf({ actor, notice }: Accepted): TokenCheck {
  return { notice, actor: { ...actor, roles: [...actor.roles], charters: [...actor.charters] } };
}

function checkToken(token: string, secret: string): TokenCheck {
  let claims: jwt.JwtPayload;
  try {
    const verified = jwt.verify(token, secret, { algorithms: ['HS256'] });
    if (typeof verified === 'string') return { problem: problemOf(null) };
    claims = verified;
  } catch (err) {
    return { problem: problemOf(err) };
  }
  // A token that never expires is a key that cannot be taken back: `exp` is required, and
  // a token may live at most a day from when it was issued.
  const now = Math.floor(Date.now() / 1000);
  if (typeof claims.exp !== 'number')
    return { problem: `This token has no expiry time ("exp"), so it is refused. ${GET_A_NEW_ONE}` };
  const issuedAt = typeof claims.iat === 'number' ? Math.min(claims.iat, now) : now;
  if (claims.exp - issuedAt > MAX_TOKEN_LIFETIME_SECONDS)
    return { problem: `This token is valid for longer than a day, which is not allowed. ${GET_A_NEW_ONE}` };
  const roles = stringList(claims.roles);
  const charters = stringList(claims.charters);
  if (typeof claims.sub !== 'string' || !claims.sub)
    return {
      problem: `This token does not say who you are (it has no "sub", the person's id). ${GET_A_NEW_ONE}`,
    };
  if (!roles || !charters)
    return { problem: `This token does not list your roles and charters. ${GET_A_NEW_ONE}` };
  const unknownRoles = roles.filter((r) => !(TOKEN_ROLES as readonly string[]).includes(r));
  if (roles.length > 0 && unknownRoles.length === roles.length)
    return {
      problem: `This token gives no role this service knows (it says ${quoted(unknownRoles)}). The roles are ${quoted(TOKEN_ROLES)}. ${GET_A_NEW_ONE}`,
    };
  // The name and id reach audit events: refuse text that cannot be stored there.
  const texts = [claims.sub, claims.name, ...roles, ...charters].filter((v) => typeof v === 'string');
  if (texts.some((text) => unstorableCharacters(text)))
    return { problem: `This token holds characters that cannot be stored. ${GET_A_NEW_ONE}` };
  const unknownCharters = charters.filter((id) => !CHARTERS.some((c) => c.id === id));
  const notice = unknownCharters.length
    ? `Note: this token names ${unknownCharters.length === 1 ? 'a charter' : 'charters'} this service does not know: ${quoted(unknownCharters)}. The charters are ${quoted(CHARTERS.map((c) => c.id))}. If that is a mistake, ${GET_A_NEW_ONE.charAt(0).toLowerCase()}${GET_A_NEW_ONE.slice(1)}`
    : null;
  return {
    notice,
    actor: {
      id: claims.sub,
      displayName: typeof claims.name === 'string' && claims.name ? claims.name : claims.sub,
      roles: roles.filter((r) => (TOKEN_ROLES as readonly string[]).includes(r)),
      charters,
    },
  };
}
