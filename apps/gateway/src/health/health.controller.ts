// GET /health: 200 when PostgreSQL and Temporal both answer, 503 naming the part that does not.
import { Controller, Get, Inject, Res } from '@nestjs/common';
import { Connection } from '@temporalio/client';
import type { FastifyReply } from 'fastify';
import { EventStore } from '../../../../libs/event-store/src';
import { TEMPORAL_CONNECTION } from '../infrastructure/infrastructure.module';

const CHECK_TIMEOUT_MS = 2000;

async function answers(check: () => Promise<unknown>): Promise<'up' | 'down'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return 'up';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}

@Controller('health')
export class HealthController {
  constructor(
    private readonly store: EventStore,
    @Inject(TEMPORAL_CONNECTION) private readonly temporal: Connection,
  ) {}

  @Get()
  async health(@Res() reply: FastifyReply) {
    const [postgres, temporal] = await Promise.all([
      answers(() => this.store.ping()),
      answers(() => this.temporal.workflowService.getSystemInfo({})),
    ]);
    const ok = postgres === 'up' && temporal === 'up';
    await reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', postgres, temporal });
  }
}
