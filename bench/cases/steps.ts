// Step throughput and latency: a mutation through the gateway, a Temporal Update on the
// project's workflow, the recordEvents activity and the commit in PostgreSQL, against a
// bare Temporal Update on a no-op workflow (and one that runs a no-op activity).
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { encryptingDataConverter } from '../../libs/payload-codec/src';
import { stepUpdate, workflowIdFor } from '../../workflows/src/definitions';
import { gql, type BenchContext } from '../context';
import { measure, measurePair, type Row } from '../measure';
import {
  NOOP_WORKFLOW_TYPE,
  noopActivityUpdate,
  noopLocalActivityUpdate,
  noopUpdate,
} from '../noop.workflow';

const SECTION = 'Steps: mutation → Temporal Update → recordEvents → committed event';

const START = `mutation($input: StartProjectInput!) {
  startProject(input: $input) { id participants { id role } }
}`;
const AGREE = `mutation($projectId: ID!) { agreeLadderLevel(projectId: $projectId) { version phase } }`;
const SUMMARY = 'We went through the plan, the timetable and who to ask for help.';
const RECORD_BRIEFING = `mutation($projectId: ID!, $ids: [ID!]!) {
  recordBriefing(projectId: $projectId, summary: "${SUMMARY}", briefedParticipantIds: $ids) { version }
}`;

interface BenchProject {
  id: string;
  repParticipantId: string;
}

/** Runs `fn` over `items` with at most `conc` at once. */
export async function inBatches<T, R>(items: readonly T[], conc: number, fn: (item: T) => Promise<R>) {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(conc, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i]);
      }
    }),
  );
  return results;
}

/** A project started and agreed through the gateway, so it is in BRIEFING (steps repeatable). */
export async function briefingProject(ctx: BenchContext, title: string): Promise<BenchProject> {
  const { lead, rep, keyContact } = ctx.people;
  const input = {
    charterId: 'worcestershire',
    title,
    purpose: 'Measure how fast steps are recorded',
    confidentiality: 'PARTNERS',
    expectedOutcomes: ['Figures'],
    proposedLevel: 'CO_PRODUCTION',
    proposedReason: 'Families shape the service from the start',
    participants: [
      { displayName: rep.actor.displayName, role: 'PARENT_REP', personId: rep.actor.id },
      { displayName: keyContact.actor.displayName, role: 'KEY_CONTACT', personId: keyContact.actor.id },
    ],
  };
  const { startProject } = await gql<{
    startProject: { id: string; participants: { id: string; role: string }[] };
  }>(ctx.graphqlUrl, START, { input }, lead.token);
  await gql(ctx.graphqlUrl, AGREE, { projectId: startProject.id }, rep.token);
  const repParticipant = startProject.participants.find((p) => p.role === 'PARENT_REP');
  if (!repParticipant) throw new Error('The started project has no PARENT_REP participant.');
  return { id: startProject.id, repParticipantId: repParticipant.id };
}

export async function stepCases(ctx: BenchContext): Promise<Row[]> {
  const budget = ctx.quick ? { maxMs: 2_500, maxOps: 500 } : { maxMs: 12_000, maxOps: 4_000 };
  const connection = await Connection.connect({ address: ctx.temporalAddress });
  // Encrypted as the gateway's client is, so Updates sent straight to Temporal cost the same.
  const client = new Client({
    connection,
    namespace: ctx.namespace,
    dataConverter: encryptingDataConverter(),
  });
  const rows: Row[] = [];
  try {
    // Projects: one for sequential steps, 16 for steps in parallel, one for 20 at once on one
    // project (a survey closing), and the same three again for Updates sent straight to Temporal.
    const wanted = 1 + 16 + 1 + 1 + 16 + 1;
    const projects = await inBatches(
      Array.from({ length: wanted }, (_, i) => i),
      8,
      (i) => briefingProject(ctx, `Bench steps ${i + 1}`),
    );
    const [single, many, crowded, directSingle, directMany, directCrowded] = [
      projects.slice(0, 1),
      projects.slice(1, 17),
      projects.slice(17, 18),
      projects.slice(18, 19),
      projects.slice(19, 35),
      projects.slice(35, 36),
    ];

    const run = randomUUID().slice(0, 8);
    const noopHandles = await inBatches(
      Array.from({ length: 1 + 16 + 1 }, (_, i) => i),
      8,
      (i) =>
        client.workflow.start(NOOP_WORKFLOW_TYPE, {
          taskQueue: ctx.noopTaskQueue,
          workflowId: `bench-noop-${run}-${i}`,
        }),
    );
    const [noopSingle, noopMany, noopCrowded] = [
      noopHandles.slice(0, 1),
      noopHandles.slice(1, 17),
      noopHandles.slice(17, 18),
    ];

    const viaGateway = (group: BenchProject[]) => (lane: number) => {
      const p = group[lane % group.length];
      return gql(
        ctx.graphqlUrl,
        RECORD_BRIEFING,
        { projectId: p.id, ids: [p.repParticipantId] },
        ctx.people.lead.token,
      );
    };
    const direct = (group: BenchProject[]) => (lane: number) => {
      const p = group[lane % group.length];
      return client.workflow.getHandle(workflowIdFor(p.id)).executeUpdate(stepUpdate, {
        args: [
          {
            command: {
              type: 'recordBriefing',
              summary: SUMMARY,
              briefedParticipantIds: [p.repParticipantId],
            },
            actor: ctx.people.lead.actor,
          },
        ],
      });
    };
    const noop = (group: typeof noopHandles, update: typeof noopUpdate) => (lane: number, i: number) =>
      group[lane % group.length].executeUpdate(update, { args: [i] });

    const pair = async (
      figure: Parameters<typeof measure>[0],
      limit: Parameters<typeof measure>[0],
    ): Promise<void> => {
      rows.push({ section: SECTION, ...(await measurePair(figure, limit)) });
    };

    await pair(
      { name: 'step via GraphQL, 1 project', conc: 1, warmup: 3, ...budget, op: viaGateway(single) },
      { name: 'no-op Update, 1 workflow', conc: 1, warmup: 3, ...budget, op: noop(noopSingle, noopUpdate) },
    );
    await pair(
      { name: 'step via GraphQL, 16 projects', conc: 16, warmup: 1, ...budget, op: viaGateway(many) },
      { name: 'no-op Update, 16 workflows', conc: 16, warmup: 1, ...budget, op: noop(noopMany, noopUpdate) },
    );
    // The limit for both crowded rows: the same no-op workflow, 20 Updates at once.
    const noopCrowdedRow = {
      name: 'no-op Update, 20 at once on 1 workflow',
      conc: 20,
      warmup: 1,
      ...budget,
      op: noop(noopCrowded, noopUpdate),
    };
    await pair(
      {
        name: 'step via GraphQL, 20 at once on 1 project',
        conc: 20,
        warmup: 1,
        ...budget,
        op: viaGateway(crowded),
      },
      noopCrowdedRow,
    );
    // The same 20 at once sent straight to Temporal: what the gateway adds to the row above.
    await pair(
      {
        name: 'step as a direct Update (no gateway), 20 at once on 1 project',
        conc: 20,
        warmup: 1,
        ...budget,
        op: direct(directCrowded),
      },
      noopCrowdedRow,
    );
    await pair(
      {
        name: 'step as a direct Update (no gateway), 1 project',
        conc: 1,
        warmup: 3,
        ...budget,
        op: direct(directSingle),
      },
      {
        name: 'no-op Update + no-op activity, 1 workflow',
        conc: 1,
        warmup: 3,
        ...budget,
        op: noop(noopSingle, noopActivityUpdate),
      },
    );
    await pair(
      {
        name: 'step as a direct Update (no gateway), 16 projects',
        conc: 16,
        warmup: 1,
        ...budget,
        op: direct(directMany),
      },
      {
        name: 'no-op Update + no-op activity, 16 workflows',
        conc: 16,
        warmup: 1,
        ...budget,
        op: noop(noopMany, noopActivityUpdate),
      },
    );
    // What recording a step in a local activity (in the worker, without an activity task
    // through the server) could gain: the same no-op, local.
    await pair(
      {
        name: 'no-op Update + no-op local activity, 1 workflow',
        conc: 1,
        warmup: 3,
        ...budget,
        op: noop(noopSingle, noopLocalActivityUpdate),
      },
      { name: 'no-op Update, 1 workflow', conc: 1, warmup: 3, ...budget, op: noop(noopSingle, noopUpdate) },
    );
    return rows;
  } finally {
    await connection.close();
  }
}
