// The worker signs a checkpoint of the audit log at start and then every few minutes
// (CHECKPOINT_INTERVAL_MINUTES, default 5), into the checkpoint folder. A failure is
// reported and retried at the next tick; it never stops the workflows.
import { createDataSource } from '../../../libs/event-store/src';
import { LogRewrittenError, writeCheckpoint } from '../../../libs/event-store/src/transparency/checkpointer';
import type { NoteSigner } from '../../../libs/event-store/src/transparency/signed-note';

export interface CheckpointingOptions {
  databaseUrl: string;
  signer: NoteSigner;
  dir: string;
  intervalMs: number;
  log?: (line: string) => void;
}

export async function startCheckpointing(options: CheckpointingOptions): Promise<{ stop(): Promise<void> }> {
  const log = options.log ?? ((line: string) => console.error(line));
  const dataSource = await createDataSource(options.databaseUrl, {
    poolSize: 1,
    applicationName: 'coproduction-engine checkpoints',
  }).initialize();
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = running.then(async () => {
      try {
        const outcome = await writeCheckpoint({
          query: (sql, params) => dataSource.query(sql, params),
          signer: options.signer,
          dir: options.dir,
        });
        if (outcome.written) log(`Signed a checkpoint of ${outcome.size} audit events: ${outcome.file}`);
      } catch (err) {
        log(
          err instanceof LogRewrittenError
            ? `ALERT ${err.message}`
            : `Could not write an audit checkpoint (will try again): ${(err as Error).message}`,
        );
      }
    });
  };
  tick();
  const timer = setInterval(tick, options.intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
      await dataSource.destroy();
    },
  };
}
