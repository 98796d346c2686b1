// GraphQL documents the integration tests send, as a client would.
export const PROJECT_FIELDS = `
  id title purpose phase confidentiality expectedOutcomes version createdAt updatedAt
  charter { id name }
  ladder { proposedLevel proposedReason agreedLevel agreedAt agreedBy { id displayName roles }
           history { level reason by { id } at } }
  participants { id personId displayName role organisation email }
  breaches { id rule }
`;

export const START_PROJECT = `mutation Start($input: StartProjectInput!) {
  startProject(input: $input) { ${PROJECT_FIELDS} }
}`;

export const PROJECT = `query Project($id: ID!) { project(id: $id) { ${PROJECT_FIELDS} } }`;

export const AGREE = `mutation Agree($projectId: ID!, $comment: String) {
  agreeLadderLevel(projectId: $projectId, comment: $comment) { ${PROJECT_FIELDS} }
}`;

export const COUNTER_PROPOSE = `mutation Counter($projectId: ID!, $level: LadderLevel!, $reason: String!) {
  counterProposeLadderLevel(projectId: $projectId, level: $level, reason: $reason) { ${PROJECT_FIELDS} }
}`;

export const CHANGE_LEVEL = `mutation Change($projectId: ID!, $level: LadderLevel!, $reason: String!) {
  changeLadderLevel(projectId: $projectId, level: $level, reason: $reason) { ${PROJECT_FIELDS} }
}`;

export const CANCEL = `mutation Cancel($projectId: ID!, $reason: String!) {
  cancelProject(projectId: $projectId, reason: $reason) { ${PROJECT_FIELDS} }
}`;

export const AUDIT_TRAIL = `query Audit($filter: AuditFilter!, $first: Int, $after: String) {
  auditTrail(filter: $filter, first: $first, after: $after) {
    edges { cursor node { id projectId sequence type actor { id displayName roles } occurredAt data reason hash prevHash } }
    pageInfo { hasNextPage endCursor }
  }
}`;

export const VERIFY = `query Verify($projectId: ID!) {
  verifyAuditTrail(projectId: $projectId) { projectId valid eventCount headHash firstInvalidSequence }
}`;

export const PROJECTS = `query Projects($filter: ProjectFilter, $first: Int, $after: String) {
  projects(filter: $filter, first: $first, after: $after) {
    edges { cursor node { id title phase } } pageInfo { hasNextPage endCursor } totalCount
  }
}`;

export const CHARTERS = `{ charters { id name forumName boardName rules { id description mode value source } } }`;

export const MEETING_FIELDS = `id title startsAt durationMinutes location accessibilityNotes papersDistributedAt papersDueBy
  status minutes decisions actions attendance { participant { id displayName } present substituteName leftEarly }`;

export const LIFECYCLE_FIELDS = `${PROJECT_FIELDS}
  briefing { heldAt summary briefed { id role } unexplainedAbbreviations }
  meetings { ${MEETING_FIELDS} }
  feedbackWindow { opensAt closesAt channels closedAt }
  feedback { id channel body from { id displayName } receivedAt }
  acknowledgement { dueBy sentAt message onTime }
  closingReport { publishedAt youSaidWeDid { youSaid weDid feedbackIds } levelAgreed levelAchieved barriers lessonsLearned celebrate }
  breaches { id rule at detail reason }
  deadlines { kind dueAt meetingId }
`;

export const LIFECYCLE_PROJECT = `query Project($id: ID!) { project(id: $id) { ${LIFECYCLE_FIELDS} } }`;

export const RECORD_BRIEFING = `mutation($projectId: ID!, $summary: String!, $ids: [ID!]!) {
  recordBriefing(projectId: $projectId, summary: $summary, briefedParticipantIds: $ids) { ${LIFECYCLE_FIELDS} }
}`;

export const COMPLETE_BRIEFING = `mutation($projectId: ID!) { completeBriefing(projectId: $projectId) { ${LIFECYCLE_FIELDS} } }`;

export const SCHEDULE_MEETING = `mutation($projectId: ID!, $input: ScheduleMeetingInput!) {
  scheduleMeeting(projectId: $projectId, input: $input) { ${MEETING_FIELDS} }
}`;

export const DISTRIBUTE_PAPERS = `mutation($projectId: ID!, $meetingId: ID!, $documents: [String!]!) {
  distributePapers(projectId: $projectId, meetingId: $meetingId, documents: $documents) { ${MEETING_FIELDS} }
}`;

export const RECORD_MEETING = `mutation($projectId: ID!, $meetingId: ID!, $input: RecordMeetingInput!) {
  recordMeeting(projectId: $projectId, meetingId: $meetingId, input: $input) { ${MEETING_FIELDS} }
}`;

export const CANCEL_MEETING = `mutation($projectId: ID!, $meetingId: ID!, $reason: String!) {
  cancelMeeting(projectId: $projectId, meetingId: $meetingId, reason: $reason) { ${MEETING_FIELDS} }
}`;

export const OPEN_FEEDBACK = `mutation($projectId: ID!, $closesAt: DateTime!, $channels: [FeedbackChannel!]!) {
  openFeedback(projectId: $projectId, closesAt: $closesAt, channels: $channels) { ${LIFECYCLE_FIELDS} }
}`;

export const SUBMIT_FEEDBACK = `mutation($projectId: ID!, $input: SubmitFeedbackInput!) {
  submitFeedback(projectId: $projectId, input: $input) { id channel body from { id displayName } receivedAt }
}`;

export const CLOSE_FEEDBACK = `mutation($projectId: ID!) { closeFeedback(projectId: $projectId) { ${LIFECYCLE_FIELDS} } }`;

export const ACKNOWLEDGE = `mutation($projectId: ID!, $message: String!) {
  acknowledgeFeedback(projectId: $projectId, message: $message) { ${LIFECYCLE_FIELDS} }
}`;

export const PUBLISH_REPORT = `mutation($projectId: ID!, $input: ClosingReportInput!) {
  publishClosingReport(projectId: $projectId, input: $input) { ${LIFECYCLE_FIELDS} }
}`;
