// The contract's enums, registered from the domain's word lists so there is one source.
import { registerEnumType } from '@nestjs/graphql';
import {
  CONFIDENTIALITY_LEVELS,
  FEEDBACK_CHANNELS,
  LADDER_LEVELS,
  PARTICIPANT_ROLES,
  PROJECT_PHASES,
} from '../../../../libs/domain/src/vocabulary';
import { RULE_MODES } from '../../../../libs/domain/src/charters';
import { MEETING_STATUSES } from '../../../../libs/domain/src/project-state';

const asEnum = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const LadderLevelEnum = asEnum(LADDER_LEVELS);
export const ProjectPhaseEnum = asEnum(PROJECT_PHASES);
export const ConfidentialityEnum = asEnum(CONFIDENTIALITY_LEVELS);
export const ParticipantRoleEnum = asEnum(PARTICIPANT_ROLES);
export const FeedbackChannelEnum = asEnum(FEEDBACK_CHANNELS);
export const RuleModeEnum = asEnum(RULE_MODES);
export const MeetingStatusEnum = asEnum(MEETING_STATUSES);

registerEnumType(LadderLevelEnum, { name: 'LadderLevel' });
registerEnumType(ProjectPhaseEnum, { name: 'ProjectPhase' });
registerEnumType(ConfidentialityEnum, { name: 'Confidentiality' });
registerEnumType(ParticipantRoleEnum, { name: 'ParticipantRole' });
registerEnumType(FeedbackChannelEnum, { name: 'FeedbackChannel' });
registerEnumType(RuleModeEnum, { name: 'RuleMode' });
registerEnumType(MeetingStatusEnum, { name: 'MeetingStatus' });
