// Nothing the product hides in PostgreSQL sits in clear in Temporal: after a whole
// MEETING_GROUP project (an anonymous feedback item, an email address and phone numbers in
// what people typed), neither the raw history bytes nor `temporal workflow show -o json`
// hold any of it; a participant added later with an email address leaves none either (the
// address is saved first and the step carries only a reference). And what MEETING_GROUP seals (minutes, feedback, and the actions,
// acknowledgement and "You said" that quote them) is read by participants only.
import { Client as PgClient } from 'pg';
import * as Q from '../support/documents';
import { holdMeetingSoon } from '../support/meetings';
import { cast, startInput } from '../support/people';
import { requiredEnv } from '../support/env';
import { startStack, type Stack } from '../support/stack';
import { findsText, rawHistoryBytes, updateRequestsOf, workflowShowJson } from '../support/temporal-history';
import { ok } from '../support/answers';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

const EMAIL = 'pat.parent@example.org';
const PHONE = '07700 900123';
const MINUTES = 'Parents described how the Oakfield respite unit turned families away';
const FEEDBACK = 'My son was refused a place at Oakfield twice this spring';
const YOU_SAID = 'Oakfield turned families away';
const ACTION = 'Lead to meet the Oakfield manager';
const ACK = 'Thank you for telling us about Oakfield';
const ADDED_EMAIL = 'robin.carer@example.org';
const REFUSED_EMAIL = 'refused.carer@example.org';
const ADD_PARTICIPANT = `mutation($projectId: ID!, $input: ParticipantInput!) {
  addParticipant(projectId: $projectId, input: $input) { participants { id displayName email } } }`;

let people: ReturnType<typeof cast>;
let projectId: string;
let briefingResult: any;
let addedId: string;

// One whole MEETING_GROUP project, from start to CLOSED, for both tests.
beforeAll(async () => {
  people = cast();
  const lead = people.lead.token;
  const project = ok(
    await stack.gql(
      Q.START_PROJECT,
      { input: startInput(people, { confidentiality: 'MEETING_GROUP' }) },
      lead,
    ),
    'startProject',
  );
  projectId = project.id as string;
  const repId = project.participants.find((p: any) => p.role === 'PARENT_REP').id as string;
  ok(await stack.gql(Q.AGREE, { projectId }, people.rep.token), 'agreeLadderLevel');
  // A participant added after the start, with an email address; and one refused, whose
  // address must not stay behind.
  const robin = { displayName: 'Robin Carer', role: 'PARENT_REP', email: ADDED_EMAIL };
  const refusedAdd = await stack.gql(
    ADD_PARTICIPANT,
    { projectId, input: { ...robin, displayName: 'Refused Carer', email: REFUSED_EMAIL } },
    people.keyContact.token,
  );
  expect(refusedAdd.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const added = ok(await stack.gql(ADD_PARTICIPANT, { projectId, input: robin }, lead), 'addParticipant');
  addedId = added.participants.find((p: any) => p.displayName === 'Robin Carer').id as string;
  briefingResult = ok(
    await stack.gql(
      `mutation($projectId: ID!, $summary: String!, $ids: [ID!]!) {
        recordBriefing(projectId: $projectId, summary: $summary, briefedParticipantIds: $ids) {
          briefing { summary } redactions { field removed message } } }`,
      { projectId, summary: `We went through the offer; questions to ${EMAIL} or ${PHONE}.`, ids: [repId] },
      people.keyContact.token,
    ),
    'recordBriefing',
  );
  ok(await stack.gql(Q.COMPLETE_BRIEFING, { projectId }, lead), 'completeBriefing');
  await holdMeetingSoon(stack, {
    projectId,
    token: lead,
    startsInMs: 15_000, // in the future even on a busy machine
    marginMs: 200,
    title: 'Workshop',
    durationMinutes: 60,
    location: 'Civic Centre',
    overrideReason: 'Urgent review agreed with the forum',
    record: {
      minutes: `${MINUTES} (call ${PHONE}).`,
      decisions: ['Review the Oakfield admissions'],
      actions: [ACTION],
      attendance: [{ participantId: repId, present: true }],
    },
  });
  const closesAt = new Date(Date.now() + 86_400_000).toISOString();
  ok(await stack.gql(Q.OPEN_FEEDBACK, { projectId, closesAt, channels: ['SURVEY'] }, lead), 'openFeedback');
  const anonymous = ok(
    await stack.gql(
      Q.SUBMIT_FEEDBACK,
      { projectId, input: { channel: 'SURVEY', body: `${FEEDBACK}; email me at ${EMAIL}`, anonymous: true } },
      people.rep.token,
    ),
    'submitFeedback',
  );
  expect(anonymous.from).toBeNull();
  ok(await stack.gql(Q.CLOSE_FEEDBACK, { projectId }, lead), 'closeFeedback');
  ok(await stack.gql(Q.ACKNOWLEDGE, { projectId, message: ACK }, lead), 'acknowledgeFeedback');
  const closed = ok(
    await stack.gql(
      Q.PUBLISH_REPORT,
      {
        projectId,
        input: {
          youSaidWeDid: [{ youSaid: YOU_SAID, weDid: 'New admissions rules', feedbackIds: [anonymous.id] }],
          levelAchieved: 'CO_PRODUCTION',
        },
      },
      lead,
    ),
    'publishClosingReport',
  );
  expect(closed.phase).toBe('CLOSED');
}, 300_000);

it('leaves no email, phone number, confidential text or anonymous author in the history', async () => {
  const lead = people.lead.token;
  const workflowId = `project-${projectId}`;
  const raw = await rawHistoryBytes(workflowId);
  const shown = await workflowShowJson(workflowId);
  // The history is there and is this project's (so finding nothing below means something).
  expect(JSON.parse(shown).events.length).toBeGreaterThan(20);
  expect(raw.includes(Buffer.from(workflowId))).toBe(true);
  const hidden = {
    email: EMAIL,
    "an added participant's email": ADDED_EMAIL,
    'phone number': PHONE,
    'phone digits': PHONE.replace(/\s/g, ''),
    minutes: MINUTES,
    feedback: FEEDBACK,
    'you said': YOU_SAID,
    action: ACTION,
    acknowledgement: ACK,
    "anonymous author's id": people.rep.sub,
    "anonymous author's name": people.rep.name,
  };
  for (const [what, text] of Object.entries(hidden)) {
    expect({ what, inRawHistory: findsText(raw, text) }).toEqual({ what, inRawHistory: false });
    expect({ what, inWorkflowShow: findsText(shown, text) }).toEqual({ what, inWorkflowShow: false });
  }
  // Carry less: decoded (as a charter lead may read it), the history still holds no email
  // address, and the anonymous item's Update names nobody.
  const decoded = await workflowShowJson(workflowId, {
    endpoint: stack.url.replace(/\/graphql$/, '/codec'),
    token: lead,
  });
  expect(findsText(decoded, 'Short breaks review')).toBe(true);
  expect(findsText(decoded, EMAIL)).toBe(false);
  expect(findsText(decoded, 'kim@example.org')).toBe(false);
  expect(findsText(decoded, ADDED_EMAIL)).toBe(false);
  expect(findsText(decoded, REFUSED_EMAIL)).toBe(false);
  const addSteps = updateRequestsOf(decoded).filter((u) => u.args[0]?.command?.type === 'addParticipant');
  expect(addSteps).toHaveLength(1);
  expect(addSteps[0].args[0].command.input).toMatchObject({ displayName: 'Robin Carer', email: null });
  expect(addSteps[0].args[0].command.input.heldContact).toMatch(/^held:/);
  expect(findsText(decoded, PHONE)).toBe(false);
  const feedbackSteps = updateRequestsOf(decoded).filter(
    (u) => u.args[0]?.command?.type === 'submitFeedback',
  );
  expect(feedbackSteps).toHaveLength(1);
  expect(feedbackSteps[0].args[0].actor).toEqual({
    id: 'anonymous',
    displayName: 'Anonymous',
    roles: ['ANONYMOUS_PARTICIPANT'],
    charters: [],
  });
  expect(JSON.stringify(feedbackSteps)).not.toContain(people.rep.sub);
  expect(JSON.stringify(feedbackSteps)).not.toContain(people.rep.name);
});

it("keeps an added participant's address in PostgreSQL only, for those who may read it, and none of a refused one", async () => {
  const emailsSeenBy = async (token: string) => {
    const res = await stack.gql(
      `query($id: ID!) { project(id: $id) { participants { id email } } }`,
      { id: projectId },
      token,
    );
    expect(res.errors).toBeUndefined();
    return res.data!.project.participants.find((p: any) => p.id === addedId).email;
  };
  expect(await emailsSeenBy(people.lead.token)).toBe(ADDED_EMAIL);
  expect(await emailsSeenBy(people.forum.token)).toBe(ADDED_EMAIL);
  expect(await emailsSeenBy(people.board.token)).toBeNull();
  const db = new PgClient({ connectionString: requiredEnv('DATABASE_URL') });
  await db.connect();
  try {
    const { rows } = await db.query(
      `SELECT participant_id, email FROM participant_contacts WHERE project_id = $1 ORDER BY participant_id`,
      [projectId],
    );
    expect(rows).toContainEqual({ participant_id: addedId, email: ADDED_EMAIL });
    // Nothing left held under a reference, and nothing of the refused step.
    expect(rows.filter((r) => !r.participant_id.startsWith(`${projectId}.p`))).toEqual([]);
    expect(rows.map((r) => r.email)).not.toContain(REFUSED_EMAIL);
  } finally {
    await db.end();
  }
});

it('seals actions, the acknowledgement and "You said" like minutes: participants read them, board and forum do not', async () => {
  const view = async (token: string) => {
    const res = await stack.gql(Q.LIFECYCLE_PROJECT, { id: projectId }, token);
    expect(res.errors).toBeUndefined();
    const p = res.data!.project;
    return {
      actions: p.meetings[0].actions,
      acknowledgement: p.acknowledgement.message,
      youSaid: p.closingReport.youSaidWeDid.map((e: any) => e.youSaid),
      minutes: p.meetings[0].minutes,
    };
  };
  for (const token of [people.rep.token, people.lead.token]) {
    expect(await view(token)).toEqual({
      actions: [ACTION],
      acknowledgement: ACK,
      youSaid: [YOU_SAID],
      minutes: `${MINUTES} (call [phone number removed]).`,
    });
  }
  for (const token of [people.board.token, people.forum.token]) {
    expect(await view(token)).toEqual({
      actions: ['[confidential]'],
      acknowledgement: '[confidential]',
      youSaid: ['[confidential]'],
      minutes: '[confidential]',
    });
  }
  // The audit trail holds commitments, not the texts, and the chain still verifies.
  const trail = await stack.gql(Q.AUDIT_TRAIL, { filter: { projectId }, first: 100 }, people.board.token);
  const data = JSON.stringify(trail.data!.auditTrail.edges.map((e: any) => e.node.data));
  for (const text of [ACTION, ACK, YOU_SAID, MINUTES, FEEDBACK]) expect(data).not.toContain(text);
  const verified = await stack.gql(Q.VERIFY, { projectId }, people.board.token);
  expect(verified.data!.verifyAuditTrail.valid).toBe(true);
});

it('says in the mutation result, in plain English, what contact details were removed and why', () => {
  expect(briefingResult.briefing.summary).toBe(
    'We went through the offer; questions to [email removed] or [phone number removed].',
  );
  expect(briefingResult.redactions).toEqual([
    {
      field: 'summary',
      removed: ['email address', 'phone number'],
      message: expect.stringMatching(
        /^The briefing summary contained an email address and a phone number, so they were removed: .*their email address/,
      ),
    },
  ]);
});
