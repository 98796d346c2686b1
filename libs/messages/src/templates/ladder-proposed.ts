import type { Template } from './blocks';
import { levelWords } from './words';

export interface LadderProposedParams {
  projectTitle: string;
  /** proposed: a new proposal; changed: the agreed level was changed; accepted: the lead accepted the counter-proposal. */
  what: 'proposed' | 'changed' | 'accepted';
  level: string;
  reason: string;
  byName: string;
  projectUrl: string;
}

const SUBJECTS = {
  proposed: 'A level of participation has been proposed',
  changed: 'The agreed level of participation has changed',
  accepted: 'Your proposed level of participation has been accepted',
};

export const ladderProposed: Template<LadderProposedParams> = {
  subject: (p) => `${SUBJECTS[p.what]}: "${p.projectTitle}"`,
  body: (p) => [
    {
      p:
        p.what === 'proposed'
          ? `${p.byName} proposes that families take part in "${p.projectTitle}" at this level: ${levelWords(p.level)}.`
          : p.what === 'changed'
            ? `${p.byName} has changed the level at which families take part in "${p.projectTitle}" to: ${levelWords(p.level)}.`
            : `${p.byName} has accepted the level you proposed for "${p.projectTitle}": ${levelWords(p.level)}. The project now moves on to briefing.`,
    },
    { heading: 'Why' },
    { inset: p.reason || 'No reason was given.' },
    ...(p.what === 'proposed'
      ? [
          {
            p: 'Nothing is decided until you agree. You can agree to this level, or propose another level and say why.',
          },
          { link: { text: 'Agree or propose another level', href: p.projectUrl } },
        ]
      : [{ link: { text: 'See the project', href: p.projectUrl } }]),
  ],
};
