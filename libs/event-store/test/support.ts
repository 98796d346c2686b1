// Helpers for the event store's integration tests, which run against a real PostgreSQL
// (DATABASE_URL, as `npm test` provides it).
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { AuditActor } from '../../domain/src/actor';
import type { NewEvent, ParticipantRecord } from '../../domain/src/events';
import type { Confidentiality, LadderLevel } from '../../domain/src/vocabulary';
import { createDataSource, eventHash, EventStore, runMigrations } from '../src';

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url)
    throw new Error('DATABASE_URL is not set: run the suite with `npm test`, which starts PostgreSQL.');
  return url;
}

export interface TestDb {
  dataSource: DataSource;
  store: EventStore;
  close(): Promise<void>;
}

/** Migrates (safe when already done or when other test files do it at once) and connects. */
export async function openTestDb(poolSize = 10): Promise<TestDb> {
  const url = databaseUrl();
  await runMigrations(url);
  const dataSource = await createDataSource(url, { poolSize }).initialize();
  return { dataSource, store: new EventStore(dataSource), close: () => dataSource.destroy() };
}

/**
 * The database of one test file: migrated and connected before its tests (beforeAll), closed
 * after them (afterAll). Its store can be kept at once; it answers once the tests run.
 */
export function useTestDb(poolSize = 10): TestDb {
  const url = databaseUrl();
  const dataSource = createDataSource(url, { poolSize });
  const close = async () => {
    if (dataSource.isInitialized) await dataSource.destroy();
  };
  beforeAll(async () => {
    await runMigrations(url);
    await dataSource.initialize();
  });
  afterAll(close);
  return { dataSource, store: new EventStore(dataSource), close };
}

export const lead: AuditActor = { id: `lead-${randomUUID()}`, displayName: 'Lena Lead', roles: ['LEAD'] };
export const parentRep: AuditActor = {
  id: `rep-${randomUUID()}`,
  displayName: 'Pat Parent',
  roles: ['PARENT_REP'],
};

export function participant(role: ParticipantRecord['role'], personId: string | null): ParticipantRecord {
  return {
    id: randomUUID(),
    personId,
    displayName: `${role} ${personId ?? 'no login'}`,
    role,
    organisation: null,
    professionalRole: null,
    conflictOfInterest: null,
  };
}

export interface StartOptions {
  charterId?: string;
  title?: string;
  confidentiality?: Confidentiality;
  proposedLevel?: LadderLevel;
  actor?: AuditActor;
  participants?: ParticipantRecord[];
  occurredAt?: string;
}

export function started(options: StartOptions = {}): NewEvent<'ProjectStarted'> {
  const actor = options.actor ?? lead;
  return {
    type: 'ProjectStarted',
    data: {
      charterId: options.charterId ?? `charter-${randomUUID()}`,
      title: options.title ?? 'Short breaks review',
      purpose: 'Review short breaks with families',
      confidentiality: options.confidentiality ?? 'PARTNERS',
      expectedOutcomes: ['A shared plan', 'Fewer waits'],
      proposedLevel: options.proposedLevel ?? 'CO_PRODUCTION',
      participants: options.participants ?? [
        participant('LEAD', actor.id),
        participant('PARENT_REP', parentRep.id),
      ],
    },
    reason: 'Families asked for it',
    actor,
    occurredAt: options.occurredAt ?? new Date().toISOString(),
  };
}

export function proposed(
  level: LadderLevel,
  options: { actor?: AuditActor; at?: string; reason?: string } = {},
) {
  const event: NewEvent<'LadderLevelProposed'> = {
    type: 'LadderLevelProposed',
    data: { level },
    reason: options.reason ?? `Try ${level}`,
    actor: options.actor ?? lead,
    occurredAt: options.at ?? new Date().toISOString(),
  };
  return event;
}

export function counterProposed(level: LadderLevel, options: { actor?: AuditActor; at?: string } = {}) {
  const event: NewEvent<'LadderLevelCounterProposed'> = {
    type: 'LadderLevelCounterProposed',
    data: { level },
    reason: `We would rather ${level}`,
    actor: options.actor ?? parentRep,
    occurredAt: options.at ?? new Date().toISOString(),
  };
  return event;
}

export function agreed(level: LadderLevel, options: { actor?: AuditActor; at?: string } = {}) {
  const event: NewEvent<'LadderLevelAgreed'> = {
    type: 'LadderLevelAgreed',
    data: { level, comment: null },
    reason: null,
    actor: options.actor ?? parentRep,
    occurredAt: options.at ?? new Date().toISOString(),
  };
  return event;
}

/** Polls `read` until `done` holds (cross-project readers wait for older transactions to end). */
/** A new project with `count` events recorded (started, then ladder proposals), by `store`. */
export async function projectWithEvents(store: EventStore, count: number): Promise<string> {
  const projectId = randomUUID();
  await store.append({ projectId, expectedVersion: 0, events: [started()] });
  for (let v = 1; v < count; v++) {
    await store.append({
      projectId,
      expectedVersion: v,
      events: [proposed(v % 2 ? 'PARTNERSHIP' : 'CONSULTATION')],
    });
  }
  return projectId;
}

export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Runs `work` against a new, empty database beside the test database, dropped afterwards. */
export async function withFreshDatabase(prefix: string, work: (url: string) => Promise<void>): Promise<void> {
  const name = `${prefix}_${randomUUID().replace(/-/g, '')}`;
  const admin = new Client({ connectionString: databaseUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(databaseUrl());
    url.pathname = `/${name}`;
    try {
      await work(url.toString());
    } finally {
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
}

/** The hash an event gets as `sequence` of the project's chain after `prevHash`. */
export const hashInChain = (event: NewEvent, projectId: string, sequence: number, prevHash: string) =>
  eventHash(prevHash, { ...event, actorId: event.actor.id, projectId, sequence });

/**
 * Writes one event row with plain SQL, around the store (its stream row and read models
 * untouched), for tests of what the store must notice or wait for.
 */
export async function insertEventRow(
  query: (sql: string, params: unknown[]) => Promise<unknown>,
  row: { projectId: string; sequence: number; event: NewEvent; prevHash: string; hash: string },
): Promise<void> {
  const { projectId, sequence, event, prevHash, hash } = row;
  await query(
    `INSERT INTO events (project_id, sequence, type, actor_id, actor_name, actor_roles, occurred_at, data,
                         reason, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      projectId,
      sequence,
      event.type,
      event.actor.id,
      event.actor.displayName,
      event.actor.roles,
      event.occurredAt,
      JSON.stringify(event.data),
      event.reason,
      prevHash,
      hash,
    ],
  );
}
