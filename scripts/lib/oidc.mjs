// The local OpenID provider (scripts/oidc/local-provider.mjs) that `npm start` and `npm test`
// run for staff sign-in, unless OIDC_ISSUER names the organisation's own provider.
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LOCAL_OIDC_CLIENT } from './example-people.mjs';
import { ROOT } from './paths.mjs';
import { startProcess } from './processes.mjs';
import { fail, step } from './ui.mjs';

/** The provider's settings for the gateway's environment; starts the local one when none is given. */
export async function startOidcProvider({ port, quiet = false }) {
  if (process.env.OIDC_ISSUER) {
    return {
      external: true,
      env: {
        OIDC_ISSUER: process.env.OIDC_ISSUER,
        OIDC_CLIENT_ID: process.env.OIDC_CLIENT_ID ?? '',
        OIDC_CLIENT_SECRET: process.env.OIDC_CLIENT_SECRET ?? '',
      },
      stop: async () => {},
    };
  }
  const issuer = `http://127.0.0.1:${port}`;
  return step(`Starting the local OpenID provider on port ${port}`, async () => {
    const running = startProcess(
      process.execPath,
      [path.join(ROOT, 'scripts/oidc/local-provider.mjs'), String(port)],
      {
        prefix: '[oidc] ',
        env: { ...process.env, NODE_ENV: 'development' },
        quiet,
      },
    );
    const deadline = Date.now() + 30000;
    for (;;) {
      try {
        const response = await fetch(`${issuer}/.well-known/openid-configuration`);
        if (response.ok) break;
      } catch {
        // not listening yet
      }
      if (running.child.exitCode !== null)
        fail('The local OpenID provider stopped while starting (see the [oidc] lines).');
      if (Date.now() > deadline) fail(`The local OpenID provider did not answer at ${issuer} within 30 s.`);
      await sleep(200);
    }
    return {
      external: false,
      issuer,
      exited: running.exited,
      env: {
        OIDC_ISSUER: issuer,
        OIDC_CLIENT_ID: LOCAL_OIDC_CLIENT.clientId,
        OIDC_CLIENT_SECRET: LOCAL_OIDC_CLIENT.clientSecret,
      },
      stop: running.stop,
    };
  });
}
