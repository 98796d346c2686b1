import type { Template } from './blocks';

export interface InvitationParams {
  projectTitle: string;
  role: string;
  invitedBy: string;
  signInUrl: string;
}

export const invitation: Template<InvitationParams> = {
  subject: (p) => `You have been invited to take part in "${p.projectTitle}"`,
  body: (p) => [
    { p: `${p.invitedBy} has added you to the project "${p.projectTitle}" as ${p.role}.` },
    {
      p: 'You can follow the project, see what was promised and whether it happened, and take part in each step.',
    },
    { link: { text: 'Sign in to see the project', href: p.signInUrl } },
  ],
};
