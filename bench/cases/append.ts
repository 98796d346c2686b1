// Event append throughput: EventStore.append (lock the project's stream row, check the
// version, hash-chain the event, insert it, move the stream head, fold it into the projects
// read model, pg_notify; one transaction) against a raw single-row INSERT of the same values
// into `bench_events`, a table shaped like `events` (same columns, defaults, constraints and
// indexes) without the chain, the read model, the triggers or the foreign key.
import { createHash, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Actor } from '../../libs/domain/src/actor';
import { decide, decideStart } from '../../libs/domain/src/commands';
import type { NewEvent } from '../../libs/domain/src/events';
import { applyEvents, type ProjectState } from '../../libs/domain/src/project-state';
import { EventStore } from '../../libs/event-store/src/event-store';
import type { BenchContext } from '../context';
import { measurePair, type Row } from '../measure';

const SECTION = 'Event append (1 event per call)';

interface Lane {
  projectId: string;
  version: number;
  event: NewEvent;
}

async function appendLane(store: EventStore, ctx: BenchContext): Promise<Lane> {
  const projectId = randomUUID();
  const now = new Date();
  const lead: Actor = ctx.people.lead.actor;
  const rep: Actor = ctx.people.rep.actor;
  const started = decideStart(
    projectId,
    {
      charterId: 'worcestershire',
      title: 'Bench appends',
      purpose: 'Measure appends',
      confidentiality: 'PARTNERS',
      expectedOutcomes: ['Figures'],
      proposedLevel: 'CO_PRODUCTION',
      proposedReason: 'Families shape the service from the start',
      participants: [{ displayName: rep.displayName, role: 'PARENT_REP', personId: rep.id }],
    },
    lead,
    now,
  );
  await store.append({ projectId, expectedVersion: 0, events: started.events, contacts: started.contacts });
  let state: ProjectState = applyEvents(projectId, null, started.events);
  const agreed = decide(state, { type: 'agreeLadderLevel' }, rep, now);
  await store.append({ projectId, expectedVersion: 1, events: agreed.events });
  state = applyEvents(projectId, state, agreed.events);
  const repId = state.participants.find((p) => p.role === 'PARENT_REP')!.id;
  const briefing = decide(
    state,
    { type: 'recordBriefing', summary: 'We went through the plan together.', briefedParticipantIds: [repId] },
    lead,
    now,
  );
  return { projectId, version: 2, event: briefing.events[0] };
}

/**
 * A project in FEEDBACK with `items` feedback items already recorded, and the next item's
 * event: the growth case appends that one event again and again.
 */
async function projectWithFeedback(store: EventStore, ctx: BenchContext, items: number): Promise<Lane> {
  const lane = await appendLane(store, ctx);
  const now = new Date();
  const lead = ctx.people.lead.actor;
  const rep = ctx.people.rep.actor;
  let state = applyEvents(lane.projectId, null, await store.readProjectEvents(lane.projectId, { limit: 10 }));
  const step = async (decision: { events: NewEvent[] }) => {
    await store.append({
      projectId: lane.projectId,
      expectedVersion: state.version,
      events: decision.events,
    });
    state = applyEvents(lane.projectId, state, decision.events);
  };
  await step({ events: [lane.event] });
  await step(decide(state, { type: 'completeBriefing' }, lead, now));
  const closesAt = new Date(now.getTime() + 30 * 86_400_000).toISOString();
  await step(decide(state, { type: 'openFeedback', closesAt, channels: ['SURVEY'] }, lead, now));
  const item = (i: number) =>
    decide(state, { type: 'submitFeedback', channel: 'SURVEY', body: `Feedback item ${i}` }, rep, now).events;
  // Recorded 250 at a time: the case measures appends to the grown project, not the growing.
  for (let done = 0; done < items;) {
    const batch: NewEvent[] = [];
    for (let i = 0; i < 250 && done < items; i++, done++) {
      const [event] = item(done);
      batch.push(event);
      state = applyEvents(lane.projectId, state, [event]);
    }
    await store.append({
      projectId: lane.projectId,
      expectedVersion: state.version - batch.length,
      events: batch,
    });
  }
  return { projectId: lane.projectId, version: state.version, event: item(items)[0] };
}

const fakeHash = (text: string) => createHash('sha256').update(text).digest('hex');

export async function appendCases(ctx: BenchContext, dataSource: DataSource): Promise<Row[]> {
  const budget = ctx.quick ? { maxMs: 2_500, maxOps: 2_000 } : { maxMs: 10_000, maxOps: 20_000 };
  const store = new EventStore(dataSource);
  await dataSource.query(`DROP TABLE IF EXISTS bench_events`);
  await dataSource.query(`CREATE TABLE bench_events (LIKE events INCLUDING ALL)`);

  const lanes = await Promise.all(Array.from({ length: 8 }, () => appendLane(store, ctx)));
  const rawLanes = lanes.map((l) => ({ ...l, projectId: randomUUID(), version: 0 }));

  /** Appends the lane's event once more, as the next in its project. */
  const appendTo = (l: Lane) => () => {
    const expectedVersion = l.version;
    l.version += 1;
    return store.append({
      projectId: l.projectId,
      expectedVersion,
      events: [{ ...l.event, occurredAt: new Date().toISOString() }],
    });
  };
  const append = (lane: number) => appendTo(lanes[lane])();
  const rawInsert = (lane: number) => {
    const l = rawLanes[lane];
    l.version += 1;
    const e = l.event;
    return dataSource.query(
      `INSERT INTO bench_events (project_id, sequence, type, actor_id, actor_name, actor_roles, occurred_at,
                                 data, reason, prev_hash, hash)
       VALUES ($1::uuid, $2::int, $3, $4, $5, $6::text[], $7::timestamptz, $8::jsonb, $9, $10, $11)`,
      [
        l.projectId,
        l.version,
        e.type,
        e.actor.id,
        e.actor.displayName,
        e.actor.roles,
        new Date().toISOString(),
        JSON.stringify(e.data),
        e.reason,
        fakeHash(`${l.projectId}:${l.version - 1}`),
        fakeHash(`${l.projectId}:${l.version}`),
      ],
    );
  };

  const rows: Row[] = [];
  for (const conc of [1, 8]) {
    const where = conc === 1 ? '1 project' : `${conc} projects`;
    rows.push({
      section: SECTION,
      ...(await measurePair(
        {
          name: `EventStore.append with hash chain + read model, ${where}`,
          conc,
          warmup: 5,
          ...budget,
          op: append,
        },
        {
          name: `raw single-row INSERT into bench_events, ${where}`,
          conc,
          warmup: 5,
          ...budget,
          op: rawInsert,
        },
      )),
    });
  }
  await dataSource.query(`DROP TABLE bench_events`);

  // Growth: an append to a project with 5,000 feedback items against one with 10.
  const [small, large] = await Promise.all([
    projectWithFeedback(store, ctx, 10),
    projectWithFeedback(store, ctx, 5_000),
  ]);
  const growthBudget = ctx.quick ? { maxMs: 2_500, maxOps: 500 } : { maxMs: 8_000, maxOps: 2_000 };
  rows.push({
    section: 'Event append as a project grows (1 project, 1 event per call)',
    ...(await measurePair(
      {
        name: 'append a feedback item to a project with 5,000 items',
        conc: 1,
        warmup: 3,
        ...growthBudget,
        op: appendTo(large),
      },
      {
        name: 'the same append to a project with 10 items',
        conc: 1,
        warmup: 3,
        ...growthBudget,
        op: appendTo(small),
      },
    )),
  });
  return rows;
}
