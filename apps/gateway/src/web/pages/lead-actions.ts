// The lead's next steps on a project, as links the project page lists under "What you can do
// next". Filled in by the lead's forms (built on their own branch); none yet.
import type { Actor } from '../../../../../libs/domain/src/actor';
import type { ProjectState } from '../../../../../libs/domain/src/project-state';

export interface PageAction {
  href: string;
  text: string;
}

// eslint-disable-next-line @typescript-eslint/no-unused-vars
export function leadActionsFor(state: ProjectState, actor: Actor): PageAction[] {
  // Filled in by the lead's forms.
  return [];
}
