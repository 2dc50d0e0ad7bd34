// English texts for the kernegruppe's rights table; the same keys as rights-da.ts.

import type { RightsTextKey } from './rights-da.js';

export const rightsEn: Record<RightsTextKey, string> = {
  'error.rights.udkast': "Only {who} can create and edit the core group's drafts and prepare its decisions. Ask {names}.",
  'error.rights.offentliggoer': 'Only {who} can publish the tender. Ask {names} to publish it.',
  'error.rights.aflys': 'Only {who} can cancel the tender. Ask {names} to cancel it.',
  'error.rights.beslut': "Only {who} can make the core group's decisions on bids (reject, award and recommend). Ask {names}.",
  'rights.who.politiker': 'a politician',
  'rights.who.byraadsmedlem': 'a council member',
  'rights.who.udvalgsformand': 'the committee chair',
  'rights.who.borgmester': 'the mayor',
  'rights.who.chef': 'a director',
  'rights.who.tovholder': 'the lead director',
  'rights.who.konsulent': 'a consultant',
  'rights.who.oekonomikonsulent': 'the finance consultant',
  'rights.who.fagperson': 'a specialist',
  'rights.who.ledelsesrepraesentant': 'a management representative',
  'rights.who.admin': 'an administrator',
  'rights.or': ' or ',
  'rights.holder': '{name} ({roles})',
  'rights.nobodyInGroup': 'an administrator',
  'rights.draftNote': 'The draft is published by {who}: {names}.',
  'rights.heading': 'Who does what in {group}',
  'rights.action.udkast': 'Drafts and preparation (create and edit drafts, ask for a konkretisering, shortlist)',
  'rights.action.offentliggoer': 'Publish a tender',
  'rights.action.aflys': 'Cancel a tender',
  'rights.action.beslut': 'Decide (reject, award, recommend to the council)',
  'rights.adminNote': 'An administrator can always stand in for the lead director to publish, cancel and decide.',
  'rights.mine': 'You can here: {actions}.',
  'rights.mineNone': "You can read the group's tenders and bids and evaluate the bids; the four tasks above lie with the roles named.",
};
