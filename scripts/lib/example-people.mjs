// The example people of a local run: they sign in at the local OpenID provider (staff) or
// with an emailed link (parents), and get these memberships in the product's own tables.
// README "Signing in locally" lists them.
export const EXAMPLE_PEOPLE = [
  {
    login: 'lena',
    name: 'Lena Lead',
    email: 'lena.lead@example.org',
    memberships: [
      ['worcestershire', 'LEAD'],
      ['hounslow', 'LEAD'],
    ],
  },
  {
    login: 'kofi',
    name: 'Kofi Contact',
    email: 'kofi.contact@example.org',
    memberships: [['worcestershire', 'KEY_CONTACT']],
  },
  {
    login: 'bea',
    name: 'Bea Board',
    email: 'bea.board@example.org',
    memberships: [['worcestershire', 'BOARD']],
  },
  {
    login: 'fran',
    name: 'Fran Forum',
    email: 'fran.forum@example.org',
    memberships: [['worcestershire', 'FORUM']],
  },
  {
    login: 'ada',
    name: 'Ada Admin',
    email: 'ada.admin@example.org',
    memberships: [['worcestershire', 'ADMIN']],
  },
  // Parent carers sign in with an emailed link, not at the identity provider.
  {
    login: null,
    name: 'Pat Parent',
    email: 'pat.parent@example.org',
    memberships: [['worcestershire', 'PARENT_REP']],
  },
];

/** The local OpenID client the gateway uses against the local provider. */
export const LOCAL_OIDC_CLIENT = {
  clientId: 'coproduction-local',
  clientSecret: 'local-oidc-secret-change-me',
};
