// Danish texts for evaluating bids against the pejlemærker (the form, its receipt, the bid's detail and
// the overview's combined assessment). Merged in text.ts; every key must also be in evaluation-en.ts.

export const evaluationDa = {
  'evaluation.label.netvaerk': 'Lokalt netværk',
  'evaluation.label.tvaergaaende': 'Tværgående samarbejde',
  'evaluation.label.opgaven': 'Opgaven i centrum',
  'evaluation.label.samskabelse': 'Samskabelse',
  // Seed 000's own words.
  'evaluation.quote.netvaerk': 'Det lokale netværk (frivillige, familier, aktive borgere m.v.) inkluderes i langt højere grad end i dag.',
  'evaluation.quote.tvaergaaende': 'Tværgående samarbejde prioriteres højt i aktiviteterne.',
  'evaluation.quote.opgaven': 'Opgaveløsningen og det tværgående fokus – ikke fagligheden – står i centrum.',
  'evaluation.quote.samskabelse': 'Aktiviteten involverer et samskabende element med borgere, brugere, erhvervsliv m.m.',
  'evaluation.mark.ja': 'Ja',
  'evaluation.mark.delvist': 'Delvist',
  'evaluation.mark.nej': 'Nej',

  'evaluation.form.kicker': 'Vurdering af bud nr. {number}',
  'evaluation.form.intro': 'Vurdér buddet mod pejlemærkerne: ja, delvist eller nej, og gerne en kommentar. Vurderingerne ses kun af kernegruppens medlemmer – aldrig af den, der har budt.',
  'evaluation.form.prefilled': 'Tværgående samarbejde er sat til »Ja«, fordi buddet også tjener forudsætninger under en anden kerneopgave. Du kan ændre det.',
  'evaluation.form.summary': 'Vurderingen er ikke gemt. Ret felterne markeret nedenfor.',
  'evaluation.form.markLabel': 'Lever buddet op til pejlemærket?',
  'evaluation.form.comment': 'Kommentar til »{label}«',
  'evaluation.editedSince': '⚠ Buddet er rettet {at}, efter din vurdering. Læs buddet igen, og ret din vurdering, hvis det ændrer noget.',

  'evaluation.saved': '✓ Din vurdering af bud nr. {number} »{title}« er gemt',
  'evaluation.savedNote': 'Kun kernegruppens medlemmer ser vurderingerne. Du kan rette din vurdering, så længe buddet ikke er trukket tilbage.',
  'evaluation.line': '**{label}:** {mark}',
  'evaluation.lineWithComment': '**{label}:** {mark} – {comment}',

  'evaluation.detail.mine': 'Din vurdering',
  'evaluation.detail.mineNone': 'Du har ikke vurderet buddet endnu.',
  'evaluation.detail.mineAt': 'Vurderet {at}.',
  'evaluation.detail.combined': 'Kernegruppens samlede vurdering',
  'evaluation.detail.combinedNone': 'Ingen i kernegruppen har vurderet buddet endnu.',
  'evaluation.detail.count': 'Ja {ja} · delvist {delvist} · nej {nej}',
  'evaluation.detail.cannot.EVALUATION.OWN_BID': 'Du har selv afgivet buddet, så du kan ikke vurdere det.',
  'evaluation.detail.cannot.EVALUATION.WITHDRAWN': 'Buddet er trukket tilbage og kan ikke vurderes.',
  'evaluation.detail.cannot.EVALUATION.NOT_NUMBERED': 'Buddet får sit nummer om et øjeblik; så kan det vurderes.',
  'evaluation.detail.cannot.EVALUATION.NOT_MEMBER': 'Kun kernegruppens medlemmer kan vurdere buddet.',
  'evaluation.score.one': 'Vurdering {score} af 2 · 1 vurdering',
  'evaluation.score.other': 'Vurdering {score} af 2 · {count} vurderinger',
  'evaluation.none': 'Ikke vurderet endnu',
  'evaluation.sortedNote': 'Sorteret efter kernegruppens samlede vurdering (højeste først; ikke vurderede og tilbagetrukne bud sidst).',

  'button.evaluate': 'Vurdér',
  'button.editEvaluation': 'Ret din vurdering',
  'button.saveEvaluation': 'Gem vurdering',
  'button.seeBid': 'Se buddet',
  'button.sortByScore': 'Sortér efter vurdering',
  'button.sortByNumber': 'Sortér efter nummer',

  'fieldError.REQUIRED.mark.netvaerk': 'Vælg ja, delvist eller nej.',
  'fieldError.REQUIRED.mark.tvaergaaende': 'Vælg ja, delvist eller nej.',
  'fieldError.REQUIRED.mark.opgaven': 'Vælg ja, delvist eller nej.',
  'fieldError.REQUIRED.mark.samskabelse': 'Vælg ja, delvist eller nej.',

  'error.evaluationNotMember': 'Kun medlemmer af udbuddets kernegruppe kan vurdere buddet.',
  'error.evaluationOwnBid': 'Du kan ikke vurdere et bud, du selv har afgivet.',
  'error.evaluationWithdrawn': 'Buddet er trukket tilbage og kan ikke længere vurderes.',
  'error.evaluationNotNumbered': 'Buddet er lige modtaget og får sit nummer om et øjeblik. Prøv igen om lidt.',
  'error.evaluationNotSaved': 'Din vurdering er ikke gemt. Det, du skrev, står herunder, så du kan kopiere det.',
};

export type EvaluationTextKey = keyof typeof evaluationDa;
