// The event store's tables as TypeORM entities. The schema itself is made by the migrations
// in ./migrations (never `synchronize`); these classes describe it for TypeORM.
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { ProjectState } from '../../domain/src/project-state';

/** One row per project: the head of its chain, locked FOR UPDATE by every append. */
@Entity({ name: 'event_streams' })
export class EventStreamEntity {
  @PrimaryColumn({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @Column({ type: 'int' })
  version!: number;

  @Column({ name: 'head_hash', type: 'char', length: 64 })
  headHash!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}

/**
 * An audit event. Append-only: triggers refuse UPDATE, DELETE and TRUNCATE.
 * The table also has `transaction_id xid8 DEFAULT pg_current_xact_id()` (the writing
 * transaction, for cross-project readers); TypeORM has no xid8 type, so it is left out here
 * and read by SQL only.
 */
@Entity({ name: 'events' })
@Unique('events_project_sequence_key', ['projectId', 'sequence'])
export class EventEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  position!: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @Column({ type: 'int' })
  sequence!: number;

  @Column({ type: 'text' })
  type!: string;

  @Column({ name: 'actor_id', type: 'text' })
  actorId!: string;

  @Column({ name: 'actor_name', type: 'text' })
  actorName!: string;

  @Column({ name: 'actor_roles', type: 'text', array: true })
  actorRoles!: string[];

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'jsonb' })
  data!: unknown;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash!: string;

  @Column({ type: 'char', length: 64 })
  hash!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;
}

/** The read model of projects: the fold of each project's events, updated with every append. */
@Entity({ name: 'projects' })
export class ProjectEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'charter_id', type: 'text' })
  charterId!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  phase!: string;

  @Column({ type: 'text' })
  confidentiality!: string;

  @Column({ name: 'proposed_level', type: 'text' })
  proposedLevel!: string;

  @Column({ name: 'agreed_level', type: 'text', nullable: true })
  agreedLevel!: string | null;

  @Column({ name: 'has_breaches', type: 'boolean' })
  hasBreaches!: boolean;

  /** personIds of the participants: who may read the project as a participant. */
  @Column({ name: 'participant_person_ids', type: 'text', array: true })
  participantPersonIds!: string[];

  @Column({ name: 'lead_person_ids', type: 'text', array: true })
  leadPersonIds!: string[];

  @Column({ type: 'jsonb' })
  state!: ProjectState;

  @Column({ type: 'int' })
  version!: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** Participants' email addresses: kept here only, never in event data. */
@Entity({ name: 'participant_contacts' })
export class ParticipantContactEntity {
  @PrimaryColumn({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @PrimaryColumn({ name: 'participant_id', type: 'text' })
  participantId!: string;

  @Column({ type: 'text' })
  email!: string;
}

export const EVENT_STORE_ENTITIES = [EventStreamEntity, EventEntity, ProjectEntity, ParticipantContactEntity];
