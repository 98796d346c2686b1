// Steps that bring up the engine's own processes, shared by npm start and npm run bench.
/* global AbortSignal */
import { setTimeout as sleep } from 'node:timers/promises';
import { runCommand } from './processes.mjs';
import { fail, passThrough, step } from './ui.mjs';

/** Applies the event store's migrations with the built CLI (`node <migrateScript>`). */
export async function applyMigrations(migrateScript, env, label = 'Running database migrations') {
  await step(label, async (note) => {
    const { code, output } = await runCommand(process.execPath, [migrateScript], {
      env,
      what: 'the migrations',
    });
    if (code !== 0) {
      passThrough(process.stdout, output.trimEnd().replace(/^/gm, '[migrate] ') + '\n');
      fail('The database migrations failed (their output is above).');
    }
    const applied = output.match(/^Applied migration/gm)?.length ?? 0;
    note(applied ? `${applied} applied` : 'up to date');
  });
}

/** Waits until the gateway's GET /health answers 200, for at most a minute. */
export async function waitForGatewayHealth(port) {
  await step(`Waiting for the gateway at http://127.0.0.1:${port}/health`, async () => {
    const url = `http://127.0.0.1:${port}/health`;
    const deadline = Date.now() + 60000;
    let last = 'no answer';
    while (Date.now() < deadline) {
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
        if (response.status === 200) return;
        last = `HTTP ${response.status} ${(await response.text()).slice(0, 200)}`;
      } catch (err) {
        last = err.cause?.code ?? err.message;
      }
      await sleep(250);
    }
    fail(
      `The gateway did not become healthy within 60 s (last answer: ${last}). See the [gateway] lines above.`,
    );
  });
}
