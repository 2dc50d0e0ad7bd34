// Danish texts for "Send til tovholderen" (issue 13 point 5): the draft's button and note, the notice to
// whoever publishes, the list's mark and the refusals. Every key here must also be in draft-ready-en.ts.

export const draftReadyDa = {
  'draftReady.button': 'Send til tovholderen',
  // {to}: "tovholderen Johan Kristensen"; {when}: "mandag 23. november 2026 kl. 11.00"; {by}: the sender.
  'draftReady.sent': 'Sendt til {to} {when} af {by} – klar til offentliggørelse.',
  'draftReady.sentInChat': 'Sendt til {to} i kernegruppens chat {when} af {by} (ingen kunne nås 1:1) – klar til offentliggørelse.',
  'draftReady.sentToChat': 'Sendt til kernegruppens chat {when} af {by} – klar til offentliggørelse.',
  'draftReady.already': 'Udkastet var allerede sendt; der er ikke sendt noget nyt.',
  'draftReady.to.tovholder': 'tovholderen {name}',
  'draftReady.to.admin': 'administratoren {name}',
  'draftReady.to.other': '{name} ({roles})',
  'draftReady.and': ' og ',
  'draftReady.list': 'Klar til offentliggørelse – sendt af {by} {when}',
  'draftReady.notice.heading': 'Et udkast er klar til offentliggørelse',
  'draftReady.notice.personal': '{by} har sendt udkastet **{title}** fra {group} til dig {when}. Åbn det, og offentliggør det, når det er klar.',
  'draftReady.notice.group': '{by} har sendt udkastet **{title}** til {to} {when}. Åbn det for at offentliggøre det.',
  'draftReady.notice.groupNobody': '{by} har sendt udkastet **{title}** til den, der offentliggør, {when}. Åbn det for at offentliggøre det.',
  'draftReady.notice.open': 'Åbn udkastet',
  'error.draftReady.notDraft': 'Udbuddet er ikke længere en kladde (det er offentliggjort eller annulleret), så der er intet at sende til tovholderen. Intet er ændret.',
  'error.draftReady.nobodyReachable':
    'Udkastet er ikke sendt: botten har ingen 1:1-chat med {names}, og kernegruppens chat er ikke tilknyttet botten. Sig til {names}, at udkastet er klar, eller bed en administrator tilføje botten i kernegruppens chat.',
  'error.draftReady.nobodyAtAll': 'Udkastet er ikke sendt: ingen kan offentliggøre det, og kernegruppens chat er ikke tilknyttet botten. Bed en administrator om hjælp.',
  'history.action.sentToLead': 'sendt til tovholderen',
} as const;
export type DraftReadyTextKey = keyof typeof draftReadyDa;
