// The event store: append-only, hash-chained audit events in PostgreSQL and the read models
// updated with them.
export { EventStore, PROJECT_EVENTS_CHANNEL } from './event-store';
export { projectsReadModel, readModelRow } from './project-read-model';
export { ContactStore } from './contacts';
export type {
  AppendInput,
  EventStoreOptions,
  InlineProjection,
  AuditPageWay,
  AuditTrailFilter,
  AuditTrailPage,
  PageRequest,
  HeldContact,
  ParticipantContact,
  ProjectEventNotice,
  ProjectListFilter,
  ProjectPage,
  ProjectVerification,
  ReadScope,
} from './event-store';
export { BadCursorError, ConcurrencyError, InvalidInputError } from './errors';
export { isDatabaseUnavailable, isPermanentFailure } from './failure-kinds';
export { canonicalEvent, ChainVerifier, eventHash, GENESIS_HASH, verifyChain } from './hash';
export type { ChainEvent, ChainVerification, HashedFields } from './hash';
export { BoardReportQueries, validateBoardReportInput } from './board-report';
export type {
  BoardReportData,
  LadderCountData,
  ProjectSummaryData,
  ReportedBreachData,
  ReportedProjectData,
  RuleComplianceData,
} from './board-report';
export { createDataSource, EVENT_STORE_MIGRATIONS, runMigrations } from './data-source';
export type { DataSourceOptions } from './data-source';
