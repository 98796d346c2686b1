// The authorization matrix of every read (CONTRACT.md "Authorization" and "Privacy"): each
// kind of reader against a PUBLIC, a PARTNERS and a MEETING_GROUP project of one charter —
// who reads which project (refused as NOT_FOUND, or left out of lists), whose email address
// they see, whether they see MEETING_GROUP minutes, decisions and feedback, and that no
// audit event carries an email address or a phone number.
import { createHash, randomUUID } from 'node:crypto';
import { commitmentOf } from '../libs/domain/src/confidential';
import { verifyChain } from '../libs/event-store/src/hash';
import { ok } from './support/answers';
import * as Q from './support/documents';
import { holdMeetingSoon } from './support/meetings';
import { startStack, type GraphQLResponse, type Stack } from './support/stack';
import { tokenFor } from './support/tokens';

const CHARTER = 'worcestershire';
const CONFS = ['PUBLIC', 'PARTNERS', 'MEETING_GROUP'] as const;
type Conf = (typeof CONFS)[number];
type Role = 'LEAD' | 'KEY_CONTACT' | 'PARENT_REP' | 'YOUNG_PERSON' | 'PROFESSIONAL';

const run = randomUUID().slice(0, 8);
const emailOf = (role: Role) => `${role.toLowerCase().replace('_', '.')}.${run}@example.org`;

interface Reader {
  name: string;
  sub: string;
  roles: string[];
  charters: string[];
  /** The role this reader has as a participant of every project, if any. */
  participant: Role | null;
  /** The projects this reader may read. */
  reads: readonly Conf[];
  /** Whose email addresses this reader sees on a project they read. */
  emails: 'everyone' | 'own' | 'nobody';
  /** Sees MEETING_GROUP minutes, decisions and feedback (not "[confidential]"). */
  confidentialText: boolean;
}

const reader = (
  name: string,
  key: string,
  roles: string[],
  expect: Pick<Reader, 'participant' | 'reads' | 'emails' | 'confidentialText'>,
  charters = [CHARTER],
): Reader => ({ name, sub: `${key}-${run}`, roles, charters, ...expect });

/** The matrix: CONTRACT.md's rules written out reader by reader. */
const READERS: Reader[] = [
  reader('LEAD participant', 'lead', ['LEAD'], {
    participant: 'LEAD',
    reads: CONFS,
    emails: 'everyone',
    confidentialText: true,
  }),
  reader('KEY_CONTACT participant', 'key-contact', ['KEY_CONTACT'], {
    participant: 'KEY_CONTACT',
    reads: CONFS,
    emails: 'everyone',
    confidentialText: true,
  }),
  reader('PARENT_REP participant', 'rep', ['PARENT_REP'], {
    participant: 'PARENT_REP',
    reads: CONFS,
    emails: 'own',
    confidentialText: true,
  }),
  reader('YOUNG_PERSON participant', 'young-person', ['YOUNG_PERSON'], {
    participant: 'YOUNG_PERSON',
    reads: CONFS,
    emails: 'own',
    confidentialText: true,
  }),
  reader('PROFESSIONAL participant', 'professional', ['PROFESSIONAL'], {
    participant: 'PROFESSIONAL',
    reads: CONFS,
    emails: 'own',
    confidentialText: true,
  }),
  reader('FORUM in the charter', 'forum', ['FORUM'], {
    participant: null,
    reads: CONFS,
    emails: 'everyone',
    confidentialText: false,
  }),
  reader('BOARD in the charter', 'board', ['BOARD'], {
    participant: null,
    reads: CONFS,
    emails: 'nobody',
    confidentialText: false,
  }),
  reader(
    'BOARD of another charter',
    'other-board',
    ['BOARD'],
    { participant: null, reads: [], emails: 'nobody', confidentialText: false },
    ['hounslow'],
  ),
  reader('PARENT_REP of the charter who is not a participant', 'charter-rep', ['PARENT_REP'], {
    participant: null,
    reads: ['PUBLIC'],
    emails: 'nobody',
    confidentialText: false,
  }),
];

const tokenOf = (r: Reader) => tokenFor({ sub: r.sub, name: r.name, roles: r.roles, charters: r.charters });
const byParticipant = (role: Role) => READERS.find((r) => r.participant === role)!;
const lead = byParticipant('LEAD');
const rep = byParticipant('PARENT_REP');

// Free text typed with contact details: the domain removes them before anything is recorded.
const PURPOSE = `Review short breaks. Questions to pat.${run}@example.org or 07700 900123.`;
const MINUTES = `Confidential minutes ${run}: a family's situation was discussed. Call 01632 960123.`;
const DECISION = `Confidential decision ${run}`;
const FEEDBACK = `Confidential feedback ${run}: write to me at home.${run}@example.net`;

const EMAIL_LIKE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
const PHONE_LIKE = /(?:\+44\s?\(?0?\)?|\b0)(?:[\s-]?\d){9,10}\b/;
const sha256 = (text: string) => `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;

const PARTICIPANT_FIELDS = 'id personId role email';
const PROJECT_VIEW = `id confidentiality version
  participants { ${PARTICIPANT_FIELDS} }
  meetings { minutes decisions attendance { participant { ${PARTICIPANT_FIELDS} } } }
  feedback { body from { ${PARTICIPANT_FIELDS} } }`;
const EVENT_FIELDS =
  'id projectId sequence type actor { id displayName roles } occurredAt data reason hash prevHash';
const PROJECT = `query($id: ID!) { project(id: $id) { ${PROJECT_VIEW} } }`;
const PROJECT_TRAIL = `query($id: ID!, $first: Int = 100, $after: String) { project(id: $id) { id
  auditTrail(first: $first, after: $after) { edges { cursor node { ${EVENT_FIELDS} } } pageInfo { hasNextPage endCursor } } } }`;
const PROJECTS = `query($search: String!, $first: Int = 20) { projects(filter: { search: $search }, first: $first) {
  totalCount edges { node { ${PROJECT_VIEW} } } pageInfo { hasNextPage } } }`;
const AUDIT = `query($filter: AuditFilter!, $first: Int = 100) { auditTrail(filter: $filter, first: $first) {
  edges { cursor node { ${EVENT_FIELDS} } } pageInfo { hasNextPage endCursor } } }`;
const CHARTER_QUERY = `query($id: ID!) { charter(id: $id) { id name } }`;

let stack: Stack;
const projects = {} as Record<Conf, { id: string; version: number }>;
/** Each project's audit trail as its LEAD reads it: every reader who may read it gets the same. */
const trails = {} as Record<Conf, any[]>;

const codeOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions?.code;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A project with every kind of participant, taken through a recorded meeting and one feedback item. */
async function runProject(confidentiality: Conf) {
  const leadToken = tokenOf(lead);
  const participants = (['LEAD', 'KEY_CONTACT', 'PARENT_REP', 'YOUNG_PERSON', 'PROFESSIONAL'] as const).map(
    (role) => ({
      displayName: byParticipant(role).name,
      role,
      personId: byParticipant(role).sub,
      email: emailOf(role),
      professionalRole: role === 'PROFESSIONAL' ? 'Educational psychologist' : null,
    }),
  );
  const started = ok(
    await stack.gql(
      Q.START_PROJECT,
      {
        input: {
          charterId: CHARTER,
          title: `Read access ${run} ${confidentiality}`,
          purpose: PURPOSE,
          confidentiality,
          expectedOutcomes: ['A clearer offer'],
          proposedLevel: 'CONSULTATION',
          proposedReason: `Agreed with the forum; ring 07700 900456 with questions`,
          participants,
        },
      },
      leadToken,
    ),
    'startProject',
  );
  const projectId = started.id as string;
  const participantId = (role: Role) => started.participants.find((p: any) => p.role === role).id as string;
  ok(
    await stack.gql(
      Q.AGREE,
      { projectId, comment: `Fine by us, email rep.${run}@example.com` },
      tokenOf(rep),
    ),
    'agreeLadderLevel',
  );
  ok(await stack.gql(Q.COMPLETE_BRIEFING, { projectId }, leadToken), 'completeBriefing');
  await holdMeetingSoon(stack, {
    projectId,
    token: leadToken,
    startsInMs: 1500,
    marginMs: 150,
    title: 'Session',
    durationMinutes: 30,
    location: 'Room 2',
    overrideReason: 'Test',
    record: {
      minutes: MINUTES,
      decisions: [DECISION],
      actions: ['Share the notes'],
      attendance: [
        { participantId: participantId('PARENT_REP'), present: true },
        { participantId: participantId('YOUNG_PERSON'), present: true },
      ],
    },
  });
  const closesAt = new Date(Date.now() + 86_400_000).toISOString();
  ok(
    await stack.gql(Q.OPEN_FEEDBACK, { projectId, closesAt, channels: ['SURVEY'] }, leadToken),
    'openFeedback',
  );
  ok(
    await stack.gql(
      Q.SUBMIT_FEEDBACK,
      { projectId, input: { channel: 'SURVEY', body: FEEDBACK } },
      tokenOf(rep),
    ),
    'submitFeedback',
  );
  const project = ok(await stack.gql(PROJECT, { id: projectId }, leadToken), 'project');
  projects[confidentiality] = { id: projectId, version: project.version };
}

beforeAll(async () => {
  stack = await startStack();
  await Promise.all(CONFS.map(runProject));
  for (const conf of CONFS) {
    const trail = ok(
      await stack.gql(AUDIT, { filter: { projectId: projects[conf].id } }, tokenOf(lead)),
      'auditTrail',
    );
    trails[conf] = trail.edges.map((e: any) => e.node);
    expect(trails[conf].map((e) => e.sequence)).toEqual(
      Array.from({ length: projects[conf].version }, (_, i) => i + 1),
    );
  }
}, 300_000);
afterAll(() => stack?.stop());

/** Checks every participant object of a project view against whose email this reader sees. */
function expectEmails(view: any, r: Reader) {
  const people = [
    ...view.participants,
    ...view.meetings.flatMap((m: any) => m.attendance.map((a: any) => a.participant)),
    ...view.feedback.map((f: any) => f.from).filter(Boolean),
  ];
  expect(people.length).toBeGreaterThanOrEqual(8);
  for (const p of people) {
    const visible = r.emails === 'everyone' || (r.emails === 'own' && p.personId === r.sub);
    expect({ personId: p.personId, email: p.email }).toEqual({
      personId: p.personId,
      email: visible ? emailOf(p.role) : null,
    });
  }
  if (r.emails === 'own') expect(people.some((p) => p.personId === r.sub && p.email !== null)).toBe(true);
}

/** MEETING_GROUP texts for participants only; other projects' texts for every reader. */
function expectConfidentialText(view: any, conf: Conf, r: Reader) {
  const sees = conf !== 'MEETING_GROUP' || r.confidentialText;
  const [meeting] = view.meetings;
  const [item] = view.feedback;
  if (sees) {
    expect(meeting.minutes).toBe(MINUTES.replace('01632 960123', '[phone number removed]'));
    expect(meeting.decisions).toEqual([DECISION]);
    expect(item.body).toBe(FEEDBACK.replace(`home.${run}@example.net`, '[email removed]'));
  } else {
    expect(meeting.minutes).toBe('[confidential]');
    expect(meeting.decisions).toEqual(['[confidential]']);
    expect(item.body).toBe('[confidential]');
  }
}

/** What any reader may see of audit events: no contact details, MEETING_GROUP texts only as SHA-256. */
function expectSafeAuditData(events: any[]) {
  expect(events.length).toBeGreaterThan(0);
  for (const event of events) {
    const text = JSON.stringify(event);
    expect(text).not.toMatch(EMAIL_LIKE);
    expect(text).not.toMatch(PHONE_LIKE);
    for (const role of ['LEAD', 'KEY_CONTACT', 'PARENT_REP', 'YOUNG_PERSON', 'PROFESSIONAL'] as const) {
      expect(text).not.toContain(emailOf(role));
    }
    if (trails.MEETING_GROUP.some((e) => e.id === event.id)) {
      expect(text).not.toContain(`Confidential minutes ${run}`);
      expect(text).not.toContain(DECISION);
      expect(text).not.toContain(`Confidential feedback ${run}`);
    }
  }
}

describe.each(READERS)('$name', (r) => {
  const token = () => tokenOf(r);
  const readable = (conf: Conf) => r.reads.includes(conf);

  it('charters and charter(id): every signed-in reader', async () => {
    const charters = ok(await stack.gql(Q.CHARTERS, {}, token()), 'charters');
    expect(charters.map((c: any) => c.id)).toContain(CHARTER);
    expect(ok(await stack.gql(CHARTER_QUERY, { id: CHARTER }, token()), 'charter')).toMatchObject({
      id: CHARTER,
    });
  });

  it.each(CONFS)('project(id) of the %s project: read, or NOT_FOUND', async (conf) => {
    const res = await stack.gql(PROJECT, { id: projects[conf].id }, token());
    if (!readable(conf)) {
      expect(codeOf(res)).toBe('NOT_FOUND');
      expect(res.data?.project ?? null).toBeNull();
      return;
    }
    const view = ok(res, 'project');
    expect(view).toMatchObject({ id: projects[conf].id, confidentiality: conf });
    expectEmails(view, r);
    expectConfidentialText(view, conf, r);
  });

  it('projects: lists exactly the projects this reader may read', async () => {
    const list = ok(await stack.gql(PROJECTS, { search: `Read access ${run}` }, token()), 'projects');
    const seen = list.edges.map((e: any) => e.node);
    expect(new Set(seen.map((p: any) => p.confidentiality))).toEqual(new Set(r.reads));
    expect(list.totalCount).toBe(r.reads.length);
    for (const view of seen) {
      expect(view.id).toBe(projects[view.confidentiality as Conf].id);
      expectEmails(view, r);
      expectConfidentialText(view, view.confidentiality, r);
    }
  });

  it.each(CONFS)(
    'auditTrail(filter: { projectId }) of the %s project: the whole trail, or NOT_FOUND',
    async (conf) => {
      const res = await stack.gql(AUDIT, { filter: { projectId: projects[conf].id } }, token());
      if (!readable(conf)) {
        expect(codeOf(res)).toBe('NOT_FOUND');
        expect(res.data).toBeNull();
        return;
      }
      const events = ok(res, 'auditTrail').edges.map((e: any) => e.node);
      expect(events).toEqual(trails[conf]);
      expectSafeAuditData(events);
      // Anyone who reads it can recompute the chain from the trail alone, sealed texts included.
      expect(verifyChain(events)).toMatchObject({ valid: true, eventCount: projects[conf].version });
    },
  );

  it('auditTrail across projects: events of readable projects only', async () => {
    const filter = { actorId: lead.sub };
    // Wait until the events are below every running transaction (other test files append too).
    const expected = CONFS.filter(readable).flatMap((conf) =>
      trails[conf].filter((e) => e.actor.id === lead.sub),
    );
    let events: any[] = [];
    for (const deadline = Date.now() + 20_000; ; await sleep(100)) {
      events = ok(await stack.gql(AUDIT, { filter }, token()), 'auditTrail').edges.map((e: any) => e.node);
      if (events.length >= expected.length || Date.now() > deadline) break;
    }
    if (r.reads.length === 0) {
      // A reader of nothing gets nothing, once the lead's events are visible to everyone.
      await waitForVisible(filter);
      events = ok(await stack.gql(AUDIT, { filter }, token()), 'auditTrail').edges.map((e: any) => e.node);
    }
    expect(new Set(events.map((e) => e.projectId))).toEqual(
      new Set(CONFS.filter(readable).map((c) => projects[c].id)),
    );
    expect(events.map((e) => e.id).sort()).toEqual(expected.map((e) => e.id).sort());
    if (events.length) expectSafeAuditData(events);
  });

  it.each(CONFS)('verifyAuditTrail of the %s project: checked, or NOT_FOUND', async (conf) => {
    const res = await stack.gql(Q.VERIFY, { projectId: projects[conf].id }, token());
    if (!readable(conf)) {
      expect(codeOf(res)).toBe('NOT_FOUND');
      return;
    }
    expect(ok(res, 'verifyAuditTrail')).toEqual({
      projectId: projects[conf].id,
      valid: true,
      eventCount: projects[conf].version,
      headHash: trails[conf][trails[conf].length - 1].hash,
      firstInvalidSequence: null,
    });
  });

  it.each(CONFS)('Project.auditTrail of the %s project: the same trail, or NOT_FOUND', async (conf) => {
    const res = await stack.gql(PROJECT_TRAIL, { id: projects[conf].id }, token());
    if (!readable(conf)) {
      expect(codeOf(res)).toBe('NOT_FOUND');
      return;
    }
    const events = ok(res, 'project').auditTrail.edges.map((e: any) => e.node);
    expect(events).toEqual(trails[conf]);
    expectSafeAuditData(events);
  });
});

/** Polls until the BOARD of the charter sees every one of the lead's events across projects. */
async function waitForVisible(filter: Record<string, unknown>) {
  const board = READERS.find((r) => r.name === 'BOARD in the charter')!;
  const all = CONFS.flatMap((conf) => trails[conf].filter((e) => e.actor.id === lead.sub));
  for (const deadline = Date.now() + 20_000; Date.now() < deadline; await sleep(100)) {
    const res = ok(await stack.gql(AUDIT, { filter }, tokenOf(board)), 'auditTrail');
    if (res.edges.length >= all.length) return;
  }
  throw new Error('The lead’s events never became visible across projects.');
}

describe('MEETING_GROUP text in the audit trail', () => {
  it('is recorded only as a salted SHA-256 of the text participants see', async () => {
    const recorded = trails.MEETING_GROUP.find((e) => e.type === 'MeetingRecorded');
    const submitted = trails.MEETING_GROUP.find((e) => e.type === 'FeedbackSubmitted');
    const view = ok(await stack.gql(PROJECT, { id: projects.MEETING_GROUP.id }, tokenOf(rep)), 'project');
    // Participants are given each text's salt, and can check it against the trail with it.
    const sealedQuery = `query($id: ID!) { project(id: $id) { sealedTexts { commitment salt text } } }`;
    const { sealedTexts } = ok(
      await stack.gql(sealedQuery, { id: projects.MEETING_GROUP.id }, tokenOf(rep)),
      'project',
    );
    const committed = (text: string) => {
      const sealed = sealedTexts.find((s: { text: string }) => s.text === text);
      expect(commitmentOf(text, Buffer.from(sealed.salt, 'hex'))).toBe(sealed.commitment);
      expect(sealed.commitment).not.toBe(sha256(text)); // a guess, hashed, confirms nothing
      return sealed.commitment;
    };
    expect(recorded.data.minutes).toBe(committed(view.meetings[0].minutes));
    expect(recorded.data.decisions).toEqual([committed(view.meetings[0].decisions[0])]);
    expect(submitted.data.body).toBe(committed(view.feedback[0].body));
    // The other projects record their text as it is, with the contact details already removed.
    const plain = trails.PARTNERS.find((e) => e.type === 'MeetingRecorded');
    expect(plain.data.minutes).toBe(MINUTES.replace('01632 960123', '[phone number removed]'));
    const started = trails.PUBLIC.find((e) => e.type === 'ProjectStarted');
    expect(started.data.purpose).toBe(
      `Review short breaks. Questions to [email removed] or [phone number removed].`,
    );
    expect(started.data.participants.map((p: any) => Object.keys(p).sort())).toEqual(
      started.data.participants.map(() => [
        'conflictOfInterest',
        'displayName',
        'id',
        'organisation',
        'personId',
        'professionalRole',
        'role',
      ]),
    );
  });
});

describe('Project.auditTrail', () => {
  it('pages by sequence, and refuses a malformed cursor with BAD_USER_INPUT naming `after`', async () => {
    const id = projects.PARTNERS.id;
    const first = ok(await stack.gql(PROJECT_TRAIL, { id, first: 2 }, tokenOf(rep)), 'project').auditTrail;
    expect(first.edges.map((e: any) => e.node.sequence)).toEqual([1, 2]);
    const next = ok(
      await stack.gql(PROJECT_TRAIL, { id, first: 2, after: first.pageInfo.endCursor }, tokenOf(rep)),
      'project',
    ).auditTrail;
    expect(next.edges.map((e: any) => e.node.sequence)).toEqual([3, 4]);
    const bad = await stack.gql(PROJECT_TRAIL, { id, after: '%%%' }, tokenOf(rep));
    expect(bad.errors?.[0]).toMatchObject({
      message: 'The `after` cursor is not one this list gave out: start again from the first page.',
      extensions: { code: 'BAD_USER_INPUT', field: 'after' },
    });
  });
});

describe('without a token', () => {
  const reads: [string, string, Record<string, unknown>][] = [
    ['charters', Q.CHARTERS, {}],
    ['charter', CHARTER_QUERY, { id: CHARTER }],
    ['project', PROJECT, { id: '' }],
    ['projects', PROJECTS, { search: run }],
    ['auditTrail with projectId', AUDIT, { filter: { projectId: '' } }],
    ['auditTrail across projects', AUDIT, { filter: {} }],
    ['verifyAuditTrail', Q.VERIFY, { projectId: '' }],
    ['Project.auditTrail', PROJECT_TRAIL, { id: '' }],
  ];
  it.each(reads)('%s: UNAUTHENTICATED, and nothing else', async (_name, query, variables) => {
    const withProject = JSON.parse(
      JSON.stringify(variables).replace(/""/g, JSON.stringify(projects.PUBLIC.id)),
    );
    const res = await stack.gql(query, withProject);
    expect(codeOf(res)).toBe('UNAUTHENTICATED');
    expect(Object.values(res.data ?? {}).filter((value) => value !== null)).toEqual([]);
  });
});
