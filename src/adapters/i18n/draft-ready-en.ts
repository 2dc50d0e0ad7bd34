// English texts for "Send to the lead director"; the same keys as draft-ready-da.ts.

import type { DraftReadyTextKey } from './draft-ready-da.js';

export const draftReadyEn: Record<DraftReadyTextKey, string> = {
  'draftReady.button': 'Send to the lead director',
  'draftReady.sent': 'Sent to {to} {when} by {by} – ready to publish.',
  'draftReady.sentInChat': "Sent to {to} in the core group's chat {when} by {by} (nobody could be reached 1:1) – ready to publish.",
  'draftReady.sentToChat': "Sent to the core group's chat {when} by {by} – ready to publish.",
  'draftReady.already': 'The draft had already been sent; nothing new was sent.',
  'draftReady.to.tovholder': 'the lead director {name}',
  'draftReady.to.admin': 'the administrator {name}',
  'draftReady.to.other': '{name} ({roles})',
  'draftReady.and': ' and ',
  'draftReady.list': 'Ready to publish – sent by {by} {when}',
  'draftReady.notice.heading': 'A draft is ready to publish',
  'draftReady.notice.personal': '{by} sent you the draft **{title}** from {group} {when}. Open it and publish it when it is ready.',
  'draftReady.notice.group': '{by} sent the draft **{title}** to {to} {when}. Open it to publish it.',
  'draftReady.notice.groupNobody': '{by} sent the draft **{title}** to whoever publishes {when}. Open it to publish it.',
  'draftReady.notice.open': 'Open the draft',
  'error.draftReady.notDraft': 'The tender is no longer a draft (it was published or cancelled), so there is nothing to send to the lead director. Nothing was changed.',
  'error.draftReady.nobodyReachable':
    "The draft was not sent: the bot has no 1:1 chat with {names}, and the core group's chat is not linked to the bot. Tell {names} the draft is ready, or ask an administrator to add the bot to the core group's chat.",
  'error.draftReady.nobodyAtAll': "The draft was not sent: nobody can publish it, and the core group's chat is not linked to the bot. Ask an administrator for help.",
  'history.action.sentToLead': 'sent to the lead director',
};
