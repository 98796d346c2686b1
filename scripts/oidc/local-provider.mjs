// A real OpenID Connect provider (oidc-provider) on loopback, for `npm start` and `npm test`:
// the organisation's identity provider stands here. Staff sign in with an example login
// (scripts/lib/example-people.mjs) and any password. Only for local use.
//   node scripts/oidc/local-provider.mjs <port>
import { EXAMPLE_PEOPLE, LOCAL_OIDC_CLIENT } from '../lib/example-people.mjs';

// Its warnings about development-only keys, storage and login pages are true and expected
// here (that is what this local stand-in is): keep them out of npm start's output.
const { warn } = console;
console.warn = (...args) => {
  if (!String(args[0]).includes('oidc-provider WARNING')) warn(...args);
};
const { default: Provider } = await import('oidc-provider');

const port = Number(process.argv[2] || process.env.OIDC_PORT || 9090);
const issuer = `http://127.0.0.1:${port}`;
const staff = new Map(EXAMPLE_PEOPLE.filter((p) => p.login).map((p) => [p.login, p]));

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: LOCAL_OIDC_CLIENT.clientId,
      client_secret: LOCAL_OIDC_CLIENT.clientSecret,
      // Gateways run on many local ports (tests pick free ones): see redirectUriAllowed below.
      redirect_uris: ['http://localhost:3000/sign-in/callback'],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  pkce: { required: () => true },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  cookies: { keys: ['local-provider-cookie-key'] },
  features: { devInteractions: { enabled: true } },
  async findAccount(_ctx, id) {
    const person = staff.get(String(id).trim().toLowerCase());
    if (!person) return undefined;
    return {
      accountId: person.login,
      claims: async () => ({
        sub: person.login,
        name: person.name,
        email: person.email,
        email_verified: true,
      }),
    };
  },
  // A first-party client: no consent screen.
  async loadExistingGrant(ctx) {
    const grantId =
      ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
  renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = `<!DOCTYPE html><html lang="en-GB"><head><title>Sign-in problem</title></head><body><h1>Sign-in problem</h1><p>${String(out.error_description || out.error).replace(/[<>&]/g, '')}</p></body></html>`;
  },
});

// Any loopback gateway's callback is allowed (local provider only).
const LOCAL_CALLBACK = /^http:\/\/(localhost|127\.0\.0\.1):\d{1,5}\/sign-in\/callback$/;
provider.Client.prototype.redirectUriAllowed = (uri) => LOCAL_CALLBACK.test(uri);

const server = provider.listen(port, '127.0.0.1', () => {
  console.log(`Local OpenID provider ready: ${issuer}`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
