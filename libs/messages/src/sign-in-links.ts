// One-time sign-in links (README "Signing in with an email link"): a random token in the
// link, only its SHA-256 in sign_in_links, used once, valid for a short time. The gateway
// makes SIGN_IN links when someone asks for one; the worker makes an INVITATION link when
// it sends a participant their invitation (so the token never travels through Temporal).
import { createHash, randomBytes } from 'node:crypto';
import { rowsOf, type Queryable } from './database';

/** A sign-in link works for this long after it was asked for. */
export const SIGN_IN_LINK_MINUTES = 15;
/** An invitation may be read days later: its link works for a week, once. */
export const INVITATION_LINK_DAYS = 7;

export type SignInLinkPurpose = 'SIGN_IN' | 'INVITATION';

export interface SignInLink {
  /** The address the link was sent to (whoever holds the link can read that inbox). */
  email: string;
  purpose: SignInLinkPurpose;
  projectId: string | null;
  participantId: string | null;
}

export type UsedLink = { link: SignInLink } | { problem: 'unknown' | 'used' | 'expired' };

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** The web path a link's token is followed at. */
export const signInLinkPath = (token: string) => `/sign-in/link/${token}`;

/** Only what a token looks like is looked up (43 base64url characters). */
export const isLinkToken = (token: string) => /^[\w-]{43}$/.test(token);

export class SignInLinks {
  constructor(private readonly db: Queryable) {}

  /** A new link; returns its token (the only copy: it goes in the email). */
  async create(link: SignInLink): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const minutes = link.purpose === 'INVITATION' ? INVITATION_LINK_DAYS * 24 * 60 : SIGN_IN_LINK_MINUTES;
    await this.db.query(
      `INSERT INTO sign_in_links (token_hash, email, purpose, project_id, participant_id, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(mins => $6))`,
      [
        hashOf(token),
        link.email.trim().toLowerCase(),
        link.purpose,
        link.projectId,
        link.participantId,
        minutes,
      ],
    );
    return token;
  }

  /** Uses the link once: a second use, an expired or an unknown token says which. */
  async use(token: string): Promise<UsedLink> {
    if (!isLinkToken(token)) return { problem: 'unknown' };
    const [used] = await rowsOf<{
      email: string;
      purpose: SignInLinkPurpose;
      project_id: string | null;
      participant_id: string | null;
    }>(
      this.db,
      // In a WITH, so that every driver returns the rows (TypeORM answers an UPDATE with a count too).
      `WITH used AS (
         UPDATE sign_in_links SET used_at = now()
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
         RETURNING email, purpose, project_id, participant_id)
       SELECT * FROM used`,
      [hashOf(token)],
    );
    if (used)
      return {
        link: {
          email: used.email,
          purpose: used.purpose,
          projectId: used.project_id,
          participantId: used.participant_id,
        },
      };
    const [known] = await rowsOf<{ used: boolean }>(
      this.db,
      `SELECT used_at IS NOT NULL AS used FROM sign_in_links WHERE token_hash = $1`,
      [hashOf(token)],
    );
    return { problem: !known ? 'unknown' : known.used ? 'used' : 'expired' };
  }
}
