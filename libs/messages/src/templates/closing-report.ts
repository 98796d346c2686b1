import type { Block, Template } from './blocks';
import { levelWords } from './words';

export interface ClosingReportParams {
  projectTitle: string;
  /** "You said: … We did: …" lines; empty when the recipient may not read them (MEETING_GROUP). */
  youSaidWeDid: string[];
  confidential: boolean;
  levelAgreed: string;
  levelAchieved: string;
  projectUrl: string;
}

export const closingReport: Template<ClosingReportParams> = {
  subject: (p) => `You said, we did: the closing report of "${p.projectTitle}"`,
  body: (p) => [
    {
      p: `The project "${p.projectTitle}" is finished. Here is what people said and what was done as a result.`,
    },
    ...(p.confidential
      ? [
          {
            p: 'This project is confidential to its meeting group, so the report can be read only on the project page.',
          },
        ]
      : [{ heading: 'You said, we did' } as Block, { list: p.youSaidWeDid } as Block]),
    {
      p: `Families were to take part at this level: ${levelWords(p.levelAgreed)}. They took part at this level: ${levelWords(p.levelAchieved)}.`,
    },
    { link: { text: 'Read the full report', href: p.projectUrl } },
  ],
};
