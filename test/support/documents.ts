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
