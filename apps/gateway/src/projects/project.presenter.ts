// Shapes a project's read model for one viewer: the charter profile joined in, contact
// details shown only to those CONTRACT.md allows, and MEETING_GROUP text only to participants.
import { canSeeEmailOf, isParticipant } from '../../../../libs/domain/src/access';
import type { Actor } from '../../../../libs/domain/src/actor';
import { findCharter } from '../../../../libs/domain/src/charters';
import { isSealed } from '../../../../libs/domain/src/confidential';
import { openDeadlines } from '../../../../libs/domain/src/commands';
import type { ParticipantRecord } from '../../../../libs/domain/src/events';
import type {
  CharterBreachRecord,
  FeedbackItemState,
  MeetingState,
  ProjectState,
} from '../../../../libs/domain/src/project-state';
import type { Charter } from '../charters/charter.model';
import type { FeedbackItem } from './models/feedback.model';
import type { Meeting } from './models/meeting.model';
import type { Participant } from './models/participant.model';
import type { Project } from './models/project.model';

export const CONFIDENTIAL = '[confidential]';

/** The public link's address on this service (`/feedback/<id>`), or null before one is published. */
export function publicLinkPathOf(state: ProjectState): string | null {
  const link = state.feedbackWindow?.publicLink;
  return link ? `/feedback/${link.linkId}` : null;
}

/** A Project as the resolvers return it; `auditTrail` is resolved on demand. */
export type ProjectView = Project & { state: ProjectState };

/** Everything the presenter needs to know about who is looking. */
export class Viewer {
  private readonly participantsById: Map<string, ParticipantRecord>;
  readonly seesConfidentialText: boolean;

  constructor(
    readonly state: ProjectState,
    readonly actor: Actor,
    private readonly contacts: ReadonlyMap<string, string>,
    /** MEETING_GROUP texts by the "sha256:<hex>" their events hold (loaded for participants only). */
    private readonly confidentialTexts: ReadonlyMap<string, string> = new Map(),
  ) {
    // Removed participants still name their past attendance, briefing and feedback.
    this.participantsById = new Map(
      [...state.formerParticipants, ...state.participants].map((p) => [p.id, p]),
    );
    this.seesConfidentialText = state.confidentiality !== 'MEETING_GROUP' || isParticipant(state, actor);
  }

  participant(participant: ParticipantRecord): Participant {
    const email = canSeeEmailOf(this.state, this.actor, participant)
      ? (this.contacts.get(participant.id) ?? null)
      : null;
    return { ...participant, email };
  }

  participantById(id: string): Participant {
    const record = this.participantsById.get(id);
    if (!record) throw new Error(`Participant ${id} is missing from project ${this.state.id}`);
    return this.participant(record);
  }

  /** Confidential text for participants; "[confidential]" for everyone else. */
  text(value: string): string {
    if (!this.seesConfidentialText) return CONFIDENTIAL;
    return isSealed(value) ? (this.confidentialTexts.get(value) ?? CONFIDENTIAL) : value;
  }
}

export const presentBreach = ({ id, rule, at, detail, reason, meetingId }: CharterBreachRecord) => ({
  id,
  rule,
  at,
  detail,
  reason,
  meetingId,
});

/** The breaches a step recorded, from its events, as the project now holds them. */
export function breachesRecordedBy(state: ProjectState, events: readonly { type: string; data: unknown }[]) {
  const ids = new Set(
    events
      .filter((e) => e.type === 'CharterBreachRecorded')
      .map((e) => (e.data as { breachId: string }).breachId),
  );
  return state.breaches.filter((b) => ids.has(b.id)).map(presentBreach);
}

export function presentMeeting(m: MeetingState, viewer: Viewer): Meeting {
  return {
    id: m.id,
    title: m.title,
    startsAt: m.startsAt,
    durationMinutes: m.durationMinutes,
    location: m.location,
    accessibilityNotes: m.accessibilityNotes,
    papersDistributedAt: m.papersDistributedAt,
    papersDueBy: m.papersDueBy,
    status: m.status,
    redactions: [],
    minutes: m.minutes === null ? null : viewer.text(m.minutes),
    decisions: m.decisions.map((d) => viewer.text(d)),
    actions: m.actions.map((a) => viewer.text(a)),
    attendance: m.attendance.map((a) => ({
      participant: viewer.participantById(a.participantId),
      present: a.present,
      substituteName: a.substituteName,
      leftEarly: a.leftEarly,
    })),
    breaches: viewer.state.breaches.filter((b) => b.meetingId === m.id).map(presentBreach),
    breachesRecorded: [],
  };
}

export function presentFeedback(f: FeedbackItemState, viewer: Viewer): FeedbackItem {
  return {
    id: f.id,
    channel: f.channel,
    body: viewer.text(f.body),
    from: f.fromParticipantId ? viewer.participantById(f.fromParticipantId) : null,
    receivedAt: f.receivedAt,
    redactions: [],
  };
}

export function presentProject(state: ProjectState, viewer: Viewer): ProjectView {
  return {
    state,
    id: state.id,
    title: state.title,
    purpose: state.purpose,
    charter: findCharter(state.charterId) as Charter,
    phase: state.phase,
    confidentiality: state.confidentiality,
    expectedOutcomes: state.expectedOutcomes,
    ladder: state.ladder,
    participants: state.participants.map((p) => viewer.participant(p)),
    briefing: state.briefing && {
      heldAt: state.briefing.heldAt,
      summary: state.briefing.summary,
      briefed: state.briefing.briefedParticipantIds.map((id) => viewer.participantById(id)),
      unexplainedAbbreviations: state.briefing.unexplainedAbbreviations,
    },
    meetings: state.meetings.map((m) => presentMeeting(m, viewer)),
    feedbackWindow: state.feedbackWindow && {
      ...state.feedbackWindow,
      publicLinkPath: publicLinkPathOf(state),
    },
    feedback: state.feedback.map((f) => presentFeedback(f, viewer)),
    acknowledgement: state.acknowledgement && {
      ...state.acknowledgement,
      message: state.acknowledgement.message === null ? null : viewer.text(state.acknowledgement.message),
    },
    closingReport: state.closingReport && {
      ...state.closingReport,
      youSaidWeDid: state.closingReport.youSaidWeDid.map((e) => ({ ...e, youSaid: viewer.text(e.youSaid) })),
    },
    breaches: state.breaches.map(presentBreach),
    breachesRecorded: [],
    deadlines: openDeadlines(state).map(({ kind, dueAt, meetingId }) => ({ kind, dueAt, meetingId })),
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
    version: state.version,
    redactions: [],
  };
}
