import type { Template } from './blocks';

export interface SignInLinkParams {
  signInUrl: string;
  validForMinutes: number;
}

export const signInLink: Template<SignInLinkParams> = {
  subject: () => 'Your sign-in link',
  body: (p) => [
    { p: 'Use this link to sign in. It works once, for the next ' + `${p.validForMinutes} minutes.` },
    { link: { text: 'Sign in', href: p.signInUrl } },
    { p: 'If you did not ask to sign in, you can ignore this email: nobody can sign in without the link.' },
  ],
};
