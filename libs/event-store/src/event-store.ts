// The event store: append-only, hash-chained events per project in PostgreSQL, with inline
// projections (the projects read model) updated in the same transaction as every append.
// A thin facade: each operation lives in its own file beside this one.
import type { DataSource } from 'typeorm';
import type { RecordedEvent } from '../../domain/src/events';
import type { ProjectState } from '../../domain/src/project-state';
import { appendToStream, HeadCache, type AppendInput } from './append';
import { explainAuditTrail, readAuditTrail, type AuditTrailFilter, type AuditTrailPage } from './audit-trail';
import { projectEvents } from './event-rows';
import { getConfidentialTexts, getContacts, getSealedTexts } from './kept-apart';
import {
  getProject,
  getProjects,
  listProjects,
  projectsReadModel,
  type ProjectListFilter,
  type ProjectPage,
} from './project-read-model';
import type { InlineProjection } from './projection';
import type { SealedText } from './sealed-texts';
import { preparedOn, runOn, type PageRequest, type Run } from './sql';
import { verifyProject, type ProjectVerification } from './verify-project';

export { PROJECT_EVENTS_CHANNEL } from './append';
export type { AppendInput, ProjectEventNotice } from './append';
export type { AuditPageWay, AuditTrailFilter, AuditTrailPage } from './audit-trail';
export type { HeldContact, ParticipantContact } from './kept-apart';
export type { ProjectListFilter, ProjectPage } from './project-read-model';
export type { InlineProjection } from './projection';
export type { ReadScope } from './read-scope';
export type { PageRequest } from './sql';
export type { ProjectVerification } from './verify-project';

export interface EventStoreOptions {
  /** Read models updated in each append's transaction; by default the projects read model. */
  projections?: readonly InlineProjection[];
  /**
   * Appends to a project this store appended to recently in one statement (append.ts);
   * default true. False: every append takes the transactional path.
   */
  oneStatement?: boolean;
}

export class EventStore {
  private readonly run: Run;
  /** For the hot reads of fixed text: prepared once per connection. */
  private readonly prepared: Run;
  private readonly projections: readonly InlineProjection[];
  /** The heads of the last 500 projects this store appended to. */
  private readonly heads: HeadCache | undefined;

  constructor(
    private readonly dataSource: DataSource,
    options: EventStoreOptions = {},
  ) {
    this.run = runOn(dataSource);
    this.prepared = preparedOn(dataSource);
    this.projections = options.projections ?? [projectsReadModel];
    this.heads = options.oneStatement === false ? undefined : new HeadCache(500);
  }

  /**
   * Appends events to a project's chain in one transaction, with the read model and contacts.
   * A retry of an append that already committed (same expectedVersion, same events) appends
   * nothing and returns the stored events. Throws ConcurrencyError when another step was
   * recorded first.
   */
  append(input: AppendInput): Promise<RecordedEvent[]> {
    return appendToStream(this.dataSource, this.projections, input, this.heads);
  }

  /** One project's events by ascending sequence. */
  readProjectEvents(projectId: string, options: { afterSequence?: number; limit: number }) {
    return projectEvents(this.run, projectId, options.afterSequence ?? 0, options.limit);
  }

  /** The audit trail, one page at a time (see audit-trail.ts). */
  readAuditTrail(filter: AuditTrailFilter, page: PageRequest): Promise<AuditTrailPage> {
    return readAuditTrail(this.run, filter, page);
  }

  /** PostgreSQL's plan of an audit trail page, run and timed (EXPLAIN ANALYZE): for checks at scale. */
  explainAuditTrail(filter: AuditTrailFilter, page: PageRequest): Promise<string> {
    return explainAuditTrail(this.run, filter, page);
  }

  /** Recomputes the project's chain from storage, in one snapshot. */
  verify(projectId: string): Promise<ProjectVerification> {
    return verifyProject(this.dataSource, projectId);
  }

  getProject(id: string): Promise<ProjectState | null> {
    return getProject(this.prepared, id);
  }

  /** The projects found, in the order asked; unknown ids are left out. */
  getProjects(ids: readonly string[]): Promise<ProjectState[]> {
    return getProjects(this.run, ids);
  }

  /** Projects newest first (by createdAt, then id), filtered, with the total the filter matches. */
  listProjects(filter: ProjectListFilter, page: PageRequest): Promise<ProjectPage> {
    return listProjects(this.run, filter, page);
  }

  /** Participants' email addresses by participant id. */
  getContacts(projectId: string): Promise<Map<string, string>> {
    return getContacts(this.prepared, projectId);
  }

  /** A MEETING_GROUP project's confidential texts, by the "sha256:<hex>" its events hold. */
  getConfidentialTexts(projectId: string): Promise<Map<string, string>> {
    return getConfidentialTexts(this.prepared, projectId);
  }

  /** A MEETING_GROUP project's texts with their salts, for those who may read them to check. */
  getSealedTexts(projectId: string): Promise<SealedText[]> {
    return getSealedTexts(this.run, projectId);
  }

  /** Resolves when PostgreSQL answers. */
  async ping(): Promise<void> {
    await this.run('SELECT 1');
  }
}
