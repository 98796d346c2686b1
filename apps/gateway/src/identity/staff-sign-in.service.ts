// Staff sign in at the organisation's OpenID provider: authorisation code flow with PKCE
// (openid-client). The provider says who the person is; the product's memberships say
// what they may do.
import { Inject, Injectable } from '@nestjs/common';
import type * as Oidc from 'openid-client';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { PeopleStore, type Person } from './people.store';

/** What the browser carries between leaving for the provider and coming back (a signed cookie). */
export interface PendingSignIn {
  verifier: string;
  state: string;
  nonce: string;
  returnTo: string;
}

/**
 * openid-client is an ES module: loaded when first needed, so CommonJS code that only
 * imports the gateway's modules (the schema writer, jest) never loads it.
 */
const loadOidc = (): Promise<typeof Oidc> => import('openid-client');

export type StaffSignInResult =
  { person: Person } | { problem: 'no-account' | 'not-verified'; email?: string };

@Injectable()
export class StaffSignInService {
  private configuration: Promise<Oidc.Configuration> | null = null;

  constructor(
    private readonly people: PeopleStore,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  get enabled(): boolean {
    return this.config.oidc !== null;
  }

  get callbackUrl(): string {
    return `${this.config.publicUrl}/sign-in/callback`;
  }

  /** The provider's settings, discovered once (and again after a failure). */
  private discover(): Promise<Oidc.Configuration> {
    const settings = this.config.oidc!;
    if (!this.configuration) {
      const issuer = new URL(settings.issuer);
      const local =
        issuer.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
      this.configuration = loadOidc()
        .then((oidc) =>
          oidc.discovery(issuer, settings.clientId, settings.clientSecret, undefined, {
            // Plain HTTP only for a provider on this machine (the local one of npm start and npm test).
            execute: local ? [oidc.allowInsecureRequests] : [],
          }),
        )
        .catch((err) => {
          this.configuration = null;
          throw err;
        });
    }
    return this.configuration;
  }

  async begin(returnTo: string): Promise<{ url: string; pending: PendingSignIn }> {
    const [oidc, configuration] = await Promise.all([loadOidc(), this.discover()]);
    const verifier = oidc.randomPKCECodeVerifier();
    const pending: PendingSignIn = {
      verifier,
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      returnTo,
    };
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.callbackUrl,
      scope: 'openid email profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url: url.href, pending };
  }

  /** Exchanges the code the provider sent back, and finds the person it names. */
  async finish(callbackQuery: string, pending: PendingSignIn): Promise<StaffSignInResult> {
    const [oidc, configuration] = await Promise.all([loadOidc(), this.discover()]);
    const current = new URL(`${this.callbackUrl}${callbackQuery}`);
    const tokens = await oidc.authorizationCodeGrant(configuration, current, {
      pkceCodeVerifier: pending.verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims()!;
    const subject = `${claims.iss}|${claims.sub}`;
    const known = await this.people.bySubject(subject);
    if (known) return { person: known };
    // Many providers put the email only in the UserInfo answer, not in the ID token.
    const profile =
      typeof claims.email === 'string'
        ? claims
        : await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub);
    const email = typeof profile.email === 'string' ? profile.email : undefined;
    if (!email) return { problem: 'no-account' };
    if (profile.email_verified !== true) return { problem: 'not-verified', email };
    // The first sign-in of a person the administrator added by email links the two.
    const byEmail = await this.people.byEmail(email);
    if (!byEmail || byEmail.oidcSubject) return { problem: 'no-account', email };
    await this.people.linkSubject(byEmail.id, subject);
    return { person: { ...byEmail, oidcSubject: subject } };
  }
}
