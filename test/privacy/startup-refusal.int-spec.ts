// Outside development, the worker and the gateway refuse to start without the payload
// encryption key, before they connect to anything, saying what to set.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { requiredEnv } from '../support/env';

const MAINS = {
  worker: join(__dirname, '../../dist/apps/worker/src/main.js'),
  gateway: join(__dirname, '../../dist/apps/gateway/src/main.js'),
};

function run(main: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [main], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

it.each(Object.entries(MAINS))(
  'the %s refuses to start with NODE_ENV=production and no key',
  async (name, main) => {
    expect(existsSync(main)).toBe(true);
    const { PAYLOAD_ENCRYPTION_KEY: _key, ...rest } = process.env;
    const { code, output } = await run(main, {
      ...rest,
      NODE_ENV: 'production',
      DATABASE_URL: requiredEnv('DATABASE_URL'),
      TEMPORAL_ADDRESS: requiredEnv('TEMPORAL_ADDRESS'),
      AUTH_JWT_SECRET: 'production-secret',
      PORT: '0',
    });
    expect(code).toBe(1);
    expect(output).toContain(`The ${name} stopped: PAYLOAD_ENCRYPTION_KEY is not set`);
  },
);
