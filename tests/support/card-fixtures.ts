// Realistic renderings of every card template through its view (the views users see, with the demo
// roster, the tender fixtures and generated meetings): the card tests check each of them, and the card
// gallery (npm run cards:gallery) draws some of them as pictures, so both use the same data.

import { TENDER_LIMITS } from '../../src/domain/tender.js';
import { BID_LIMITS } from '../../src/domain/bid.js';
import { historyCard } from '../../src/adapters/cards/history-views.js';
import { HISTORY_PAGE } from '../../src/domain/history.js';
import { readFileSync } from 'node:fs';
import type { CardJson } from '../../src/adapters/cards/render-card.js';
import { groupMeetingsCard, kernegruppeReminderCard } from '../../src/adapters/cards/group-meeting-views.js';
import { byraadReminderCard, holidayCard, konsulentReminderCard, meetingsCard, reminderStatusCard, unreachableCard } from '../../src/adapters/cards/reminder-views.js';
import { DEFAULT_CALENDAR, generateMonth } from '../../src/domain/calendar.js';
import type { Reminder } from '../../src/domain/reminders.js';
import { crossStatusCard } from '../../src/adapters/cards/cross-status-views.js';
import { kommuneledelseReminderCard } from '../../src/adapters/cards/kommuneledelse-views.js';
import type { CrossStatus } from '../../src/app/ports.js';
import { announcementCard } from '../../src/adapters/cards/tender-announcement-views.js';
import { tenderFormCard, tenderPreviewCard } from '../../src/adapters/cards/tender-form-views.js';
import { draftNoteText, rightsHelpPart } from '../../src/adapters/cards/rights-views.js';
import { groupRights, whoMay } from '../../src/app/rights.js';
import { tenderListCard } from '../../src/adapters/cards/tender-list-views.js';
import { myBidsCard, myTenderBidsCard } from '../../src/adapters/cards/my-bids-views.js';
import { closedSummaryCard, publishReportCard, tenderCancelledCard } from '../../src/adapters/cards/tender-report-views.js';
import { konsekvensAskedCard, konsekvensAskFormCard, konsekvensFormCard, konsekvensMadeCard, konsekvensSavedCard, konsekvensValuesOf } from '../../src/adapters/cards/konsekvens-views.js';
import type { Bid } from '../../src/domain/bid.js';
import { bidDetailCard, bidFormCard, bidOverviewCard, bidReceiptCard, confirmCard, lateCard } from '../../src/adapters/cards/bid-views.js';
import { bidEcho, bidFormValuesFrom, bidFormValuesOf, tenderFormValuesFrom, tenderFormValuesOf } from '../../src/adapters/cards/tender-card-parts.js';
import { helpCard, linksCard, noticeCard, profileCard } from '../../src/adapters/cards/views.js';
import { evaluationFormCard, evaluationSavedCard, evaluationValuesFrom, evaluationValuesOf } from '../../src/adapters/cards/evaluation-views.js';
import { combine, newEvaluation, EVALUATION_LIMITS, type Evaluation } from '../../src/domain/evaluation.js';
import { answerFormCard, answeredNoticeCard, answerValuesOf, askFormCard, askValuesOf, lateAnswerCard } from '../../src/adapters/cards/konkretisering-views.js';
import { answerKonkretisering, askKonkretisering, KONKRETISERING_LIMITS } from '../../src/domain/konkretisering-rules.js';
import { agendaCard, agendaNoticeCard, topicFormCard, topicLateCard, topicReceiptCard } from '../../src/adapters/cards/agenda-views.js';
import { exportLinksCard } from '../../src/adapters/cards/export-views.js';
import { erasureDoneCard, erasureLogCard, personDataCard, personMatchesCard } from '../../src/adapters/cards/person-data-views.js';
import { addTopic, lock, newAgenda, TOPIC_LIMITS, type Agenda } from '../../src/domain/agenda.js';
import { commandsFor } from '../../src/adapters/teams/commands.js';
import { EMPTY_FOLLOW_UP, followUpFormCard } from '../../src/adapters/cards/activity-views.js';
import { activityOf, type Activity } from '../../src/domain/activity.js';
import { awardDoneCard, awardFormCard, decisionNoticeViews, decisionPart, rejectAskCard } from '../../src/adapters/cards/decision-views.js';
import { addEntry, emptyCatalogue, setFrame } from '../../src/domain/catalogue.js';
import { parseRosterFile } from '../../src/app/roster-file.js';
import { actorFrom, type Actor } from '../../src/domain/actor.js';
import type { Directory } from '../../src/domain/directory.js';
import {
  AFTER_DEADLINE,
  LAERING,
  NOW,
  TENDER_INPUT,
  cancelledTender,
  closedTender,
  draftTender,
  editedBid,
  manyBids,
  publishedTender,
  submitBidOn,
  withdrawnBid,
} from './tender-fixtures.js';
import { BID_STATUS_FIXTURES, CATALOGUE_CARD_FIXTURES } from './catalogue-card-fixtures.js';

const parsed = parseRosterFile(readFileSync(new URL('../../demo/roster.yaml', import.meta.url), 'utf8'));
if (!parsed.ok || !parsed.tenantId) throw new Error('demo/roster.yaml does not parse');
export const TENANT = parsed.tenantId;
export const demo: Directory = { tenantId: TENANT, people: parsed.roster.people, groups: parsed.roster.groups, kerneopgaver: parsed.roster.kerneopgaver ?? [], links: [] };
const byName = (name: string): Actor => {
  const p = demo.people.find((x) => x.name === name);
  if (!p) throw new Error(`no ${name} in the demo roster`);
  return actorFrom(demo, TENANT, p.id, 'navn fra Teams');
};
export const admin = byName('Henrik Dahl');
const politiker = byName('Mette Holm');
const tovholder = byName('Johan Kristensen');
const employee = byName('Sofie Nielsen'); // on the roster's people list, but in no group
export const outsider = actorFrom(demo, TENANT, 'a1b2c3d4-0000-4000-8000-00000000beef', 'Ulla Udenfor');
const group = (id: string) => demo.groups.find((g) => g.id === id);

// Tenders and bids for the internt udbud cards: one of each state, a bid edited and one withdrawn.
const draft = draftTender();
const { tender: withBid, bid } = submitBidOn(publishedTender());
const { tender: withTwo, bid: crossCutting } = submitBidOn(withBid, { title: 'Jobpraktik for unge læsere', forudsaetninger: 'laering-2,beskaeftigelse-1' }, { id: 'p-hanne', name: 'Hanne Graversen' });
const edited = editedBid(bid, withTwo, { roles: { kommunen: 'Lokaler', borgeren: 'Børnene vælger bøgerne', familien: 'Læser med', lokalsamfundet: 'Frivillige', arbejdsgiveren: 'Lokale virksomheder sponsorerer bøger' } });
const withdrawn = withdrawnBid(crossCutting, withTwo);
const closed = closedTender(withTwo);
const cancelled = cancelledTender(withTwo);
// Stage 2: a konkretisering asked for on the edited bid with five questions, and one answered with every text at its limit.
const asked = askKonkretisering(
  edited,
  { deadline: new Date('2026-12-21T11:00:00Z'), questions: [1, 2, 3, 4, 5].map((i) => `Spørgsmål ${i}: ${'Hvordan *præcis*? '.repeat(27)}`.slice(0, KONKRETISERING_LIMITS.question)) },
  { id: 'p-johan', name: 'Johan Kristensen', locale: 'da' },
  AFTER_DEADLINE,
).bid;
const full = (n: number) => '<b>*_[x](y)_*</b> \\ '.repeat(Math.ceil(n / 20)).slice(0, n);
const answeredAtLimits = ((): typeof asked => {
  const r = answerKonkretisering(
    asked,
    {
      kompetencer: full(KONKRETISERING_LIMITS.kompetencer),
      organisering: full(KONKRETISERING_LIMITS.organisering),
      oneOffKr: 1_250_000,
      yearlyKr: 0,
      staff: full(KONKRETISERING_LIMITS.staff),
      cofinancingKr: 300_000,
      cofinancingText: full(KONKRETISERING_LIMITS.cofinancingText),
      partyRoles: { kommunen: full(1000), borgeren: full(1000), familien: full(1000), lokalsamfundet: full(1000), arbejdsgiveren: full(1000) },
      answers: [1, 2, 3, 4, 5].map(() => full(KONKRETISERING_LIMITS.answer)),
    },
    { id: edited.bidderId, name: edited.bidderName },
    new Date('2026-12-10T09:00:00Z'),
  );
  if (!r.ok) throw new Error(r.code);
  return r.value.bid;
})();
const formChoices = LAERING.forudsaetninger;
// Evaluations of the bids: two members' marks, one with comments.
const evaluationOf = (by: Actor, marks: Evaluation['marks'], comments: Evaluation['comments'] = {}, on = edited): Evaluation =>
  newEvaluation({ id: `eval-${by.personId}`, bid: on, groupId: 'kernegruppe-laering', member: by, fields: { marks, comments } }, new Date('2026-12-02T09:00:00Z'));
const myEvaluation = evaluationOf(tovholder, { netvaerk: 'ja', tvaergaaende: 'delvist', opgaven: 'ja', samskabelse: 'nej' }, { netvaerk: 'Frivillige læsevenner og [forældre](http://x).', samskabelse: 'Ingen borgere med i *planlægningen*.' }, bid);
const theirEvaluation = evaluationOf(politiker, { netvaerk: 'delvist', tvaergaaende: 'ja', opgaven: 'ja', samskabelse: 'delvist' });
const assessed = { byBid: new Map([[edited.id, combine([myEvaluation, theirEvaluation])]]), sort: 'score' as const, page: 0 };
const longComment = '\\*'.repeat(EVALUATION_LIMITS.comment / 3);
const tenderForm = { groupName: 'Kernegruppe Læring', kerneopgaveName: 'Læring', choices: formChoices };

const holidayMeeting = generateMonth(2026, 4, DEFAULT_CALENDAR, []).find((m) => m.id === 'dialogmoede-2026-04')!;
// A season with December in it, so the month has a kernegruppe meeting (the default season is February to May).
const december = generateMonth(2026, 12, { ...DEFAULT_CALENDAR, kernegruppeSeason: { months: [12] } }, [{ id: 'kernegruppe-laering', name: 'Kernegruppe Læring' }]);
const byraadMeeting = december.find((m) => m.kind === 'byraadsmoede')!;
const kernegruppeMeeting = december.find((m) => m.kind === 'kernegruppemoede')!;
const groupMeetingsView = (canManage: boolean) => ({ group: demo.groups.find((g) => g.id === 'kernegruppe-laering')!, meetings: [kernegruppeMeeting, { ...kernegruppeMeeting, id: 'x', status: 'moved' as const }], seasonMonths: [2, 3, 4, 5], canManage });
const digest = {
  groupId: 'kernegruppe-laering',
  groupName: 'Kernegruppe Læring',
  openTenders: [{ id: 't1', title: 'Læsevenner [klik](http://x)', deadline: '2026-12-07T11:00:00Z', activeBids: 3 }],
  closedSinceLastMonth: [{ id: 't0', title: 'Lektiecafé', activeBids: 7 }],
  drafts: 1,
  openKonsekvens: { count: 5, more: false, bids: [{ id: 'b1', title: 'Læsecafé *på* biblioteket' }, { id: 'b2', title: 'Lektiehjælp' }, { id: 'b3', title: 'Forældrekursus' }] },
};
const konsekvensRequested: Bid = {
  ...edited,
  konsekvens: { status: 'requested', request: { by: 'p-sofie', byName: 'Sofie Nielsen', at: '2026-12-08T09:00:00Z', note: 'Hvad koster lokalerne om året?', asker: 'bidder' } },
};
const konsekvensDone: Bid = {
  ...konsekvensRequested,
  konsekvens: {
    status: 'done',
    request: konsekvensRequested.konsekvens!.request,
    result: { oneOffKr: 250_000, yearlyKr: 1_250_000, years: 3, yearlySavingsKr: 100_000, note: 'Lokaler stilles til rådighed af biblioteket.', by: 'p-birgitte', byName: 'Birgitte Lund', at: '2026-12-09T09:00:00Z', revision: 2 },
  },
};
// The status across all kernegrupper (pitstop, "status kernegrupper"): many groups, each with a bit of everything.
const pitstopMeeting = december.find((m) => m.kind === 'pitstop')!;
const crossStatusOf = (groups: number): CrossStatus => ({
  since: '2026-11-27T08:00:00.000Z',
  lastPitstop: generateMonth(2026, 11, DEFAULT_CALENDAR, []).find((m) => m.kind === 'pitstop'),
  groups: Array.from({ length: groups }, (_, i) => ({
    ...digest,
    groupId: `kernegruppe-${i + 1}`,
    groupName: `Kernegruppe ${i + 1}`,
    konkretiseringer: [{ id: 'k1', number: 4, title: 'Lektiecafé *med* frivillige', status: 'submitted' as const, konkretiseringDue: '2027-01-08T11:00:00.000Z' }],
    decisions: [{ id: 'd1', number: 2, title: 'Læsevenner', status: 'awarded' as const, statusAt: '2026-12-01T10:00:00.000Z' }],
    catalogue: { period: '2026', totalKr: 1_200_000, frameKr: 1_000_000, activities: 5 },
  })),
});
export const reminder = (patch: Partial<Reminder>): Reminder => ({
  id: 'rem-1',
  tenantId: 'x',
  meetingId: 'byraadsmoede-2026-12',
  meetingKind: 'byraadsmoede',
  ruleId: 'byraadsmoede-7d',
  target: { type: 'group', groupId: 'kernegruppe-laering' },
  dueAt: '2026-12-23T16:00:00Z',
  meetingStart: '2026-12-30T16:00:00Z',
  status: 'pending',
  attempts: 0,
  updatedAt: '2026-12-23T16:00:00Z',
  ...patch,
});

// ---- the dialogmøde agenda ----
const dialogmoede = generateMonth(2026, 12, DEFAULT_CALENDAR, []).find((m) => m.id === 'dialogmoede-2026-12')!;
const januaryDialogmoede = generateMonth(2027, 1, DEFAULT_CALENDAR, []).find((m) => m.id === 'dialogmoede-2027-01')!;
const beforeMeeting = new Date('2026-12-01T10:00:00Z');
function agendaWith(count: number): Agenda {
  let a = newAgenda('de000000-0000-4000-8000-000000000001', dialogmoede, beforeMeeting);
  for (let i = 0; i < count; i++) {
    const topic = { title: `Emne ${i + 1}: *ældre* og [ensomhed]`, why: 'Flere ældre bor alene.\n- hvad gør vi?', part: ((i % 2) + 1) as 1 | 2, committee: i % 3 === 0 ? 'Social Omsorg' : undefined };
    const author = { id: i % 4 === 0 ? 'mette' : `p${i}`, name: i % 4 === 0 ? 'Mette Holm' : `Politiker ${i}`, teamsId: `29:p${i}`, serviceUrl: 'https://smba.example/' };
    const r = addTopic(a, dialogmoede, { id: `topic-${i}`, fields: topic, author }, new Date(beforeMeeting.getTime() + i * 60_000));
    if (r.ok) a = r.value.agenda;
  }
  return a;
}
const fiveTopics = agendaWith(5);
// The same agenda as the Byråd might write it, for the pictures in the README (npm run cards:gallery).
const byraadTopics: readonly { title: string; why: string; part: 1 | 2; committee?: string; by: string }[] = [
  { title: 'Status på Kernegruppe Lærings udbud', why: 'Hvor langt er gruppen, og hvilke bud er kommet ind?', part: 1, committee: 'Læring', by: 'Mette Holm' },
  { title: 'Kommissorium for opgaveudvalget om ensomhed', why: 'Udkastet skal godkendes, før udvalget kan gå i gang i januar.', part: 1, by: 'Lars Petersen' },
  { title: 'Ensomhed blandt ældre i landdistrikterne', why: 'Flere ældre bor alene, og busruterne er skåret ned.\nHvad kan lokalsamfundet selv?', part: 2, committee: 'Social Omsorg', by: 'Mette Holm' },
  { title: 'Foreningernes adgang til skolernes lokaler', why: 'Foreningerne mangler lokaler om eftermiddagen.', part: 2, committee: 'Fritid & Fællesskab', by: 'Anders Pedersen' },
];
const byraadAgenda = byraadTopics.reduce((a, t, i) => {
  const author = { id: t.by === 'Mette Holm' ? 'mette' : `p${i}`, name: t.by, teamsId: `29:p${i}`, serviceUrl: 'https://smba.example/' };
  const r = addTopic(a, dialogmoede, { id: `byraad-topic-${i}`, fields: { title: t.title, why: t.why, part: t.part, committee: t.committee }, author }, new Date(beforeMeeting.getTime() + i * 60_000));
  if (!r.ok) throw new Error(`fixture topic ${t.title}: ${r.code}`);
  return r.value.agenda;
}, newAgenda('de000000-0000-4000-8000-000000000001', dialogmoede, beforeMeeting));
const fullAgenda = agendaWith(TOPIC_LIMITS.topics);
const firstTopic = fiveTopics.topics[0]!;
const topicValues = { title: 'Ældre og ensomhed', why: 'Fordi *mange* bor alene', part: '1', committee: 'Social Omsorg' };

// The kernegruppe's decisions and the award: a closed tender's bid shortlisted with a reason, the award
// form (kernegruppen decides, the Byråd decides, over the frame), the answer and the notices.
const shortlisted = { ...edited, status: 'shortlisted' as const, statusAt: '2026-12-08T09:00:00Z', statusBy: 'p-hanne', statusReason: 'Godt samarbejde med biblioteket.' };
const awardForm = (decidedBy: 'kernegruppe' | 'byraad', frame?: { frameKr: number; totalKr: number }) => ({
  tender: { ...closed, decidedBy },
  bid: shortlisted,
  cost: { oneOffKr: 200_000, yearlyKr: 400_000, source: 'konkretisering' as const },
  people: [
    { id: 'p-sofie', name: 'Sofie Nielsen' },
    { id: 'p-johan', name: 'Johan Kristensen' },
    { id: 'p-hanne', name: 'Hanne Graversen' },
  ],
  defaults: { period: '2026', startDate: '2026-12-08', evaluationDate: '2027-12-08' },
  frame,
});
const firstCard = (d: { cards: readonly CardJson[] } | { text: string }): CardJson => {
  if (!('cards' in d) || !d.cards[0]) throw new Error('a notice drawn as text');
  return d.cards[0];
};
const AWARD_TERMS = { responsible: { id: 'p-sofie', name: 'Sofie Nielsen' }, expectedEffect: 'Flere børn læser dagligt.', startDate: '2027-01-01', evaluationDate: '2027-12-01' };
const framedCatalogue = (() => {
  const c = setFrame(emptyCatalogue({ id: 'cat-1', tenantId: TENANT, group: { id: 'kernegruppe-laering', name: 'Kernegruppe Læring', kerneopgave: 'laering' }, period: '2027' }, NOW), 1_000_000, { id: 'p-admin', name: 'Henrik Dahl' }, '', NOW);
  if (!c.ok) throw new Error('frame');
  const added = addEntry(
    c.value,
    { bidId: shortlisted.id, tenderId: closed.id, tenderTitle: closed.title, bidNumber: shortlisted.number, title: shortlisted.title, bidderId: 'p-sofie', activityId: 'act-1', forudsaetninger: shortlisted.forudsaetninger, crossCutting: shortlisted.crossCutting, cost: { oneOffKr: 200_000, yearlyKr: 400_000, source: 'konkretisering' }, terms: AWARD_TERMS, decidedBy: 'kernegruppe', state: 'awarded', by: 'p-johan', byName: 'Johan Kristensen' },
    'Læsning er byrådets første prioritet.',
    NOW,
  );
  if (!added.ok) throw new Error('entry');
  return added.value;
})();

/** At least one realistic rendering per template, by template and case name; a template without an entry here fails the card tests. */
// An activity as an award makes it: Sofie Nielsen's læsecafé, evaluated at the end of March 2027.
const followUpActivity: Activity = activityOf(
  {
    id: 'act-fixture',
    tenantId: TENANT,
    groupId: 'kernegruppe-laering',
    groupName: 'Kernegruppe Læring',
    period: '2027',
    catalogueId: 'cat-fixture',
    entry: {
      bidId: 'bid-fixture',
      tenderId: 'tender-fixture',
      tenderTitle: 'Flere børn læser',
      bidNumber: 3,
      title: 'Læsecafé på biblioteket',
      bidderId: employee.personId,
      activityId: 'act-fixture',
      forudsaetninger: ['laering-1'],
      crossCutting: false,
      cost: { oneOffKr: 150_000, yearlyKr: 400_000, source: 'konkretisering' },
      terms: { responsible: { id: employee.personId, name: employee.name }, expectedEffect: 'Flere børn låner bøger hver uge, og forældrene kommer med.', startDate: '2027-02-01', evaluationDate: '2027-03-29' },
      decidedBy: 'kernegruppe',
      state: 'awarded',
      at: '2027-01-15T10:00:00.000Z',
      by: tovholder.personId,
      byName: tovholder.name,
    },
  },
  tovholder.personId,
  new Date('2027-01-15T10:00:00Z'),
);

export const CARD_FIXTURES: Record<string, Record<string, () => CardJson>> = {
  'activity-form': {
    'the reminder to the responsible person at the evaluation date': () => followUpFormCard('da', { activity: followUpActivity, place: 'personal', values: EMPTY_FOLLOW_UP, errors: {} }),
    "the reminder in the kernegruppe's chat, English": () => followUpFormCard('en', { activity: followUpActivity, place: 'group', values: EMPTY_FOLLOW_UP, errors: {} }),
    'continued without a new effect, a date in the past and a long note, with what was typed': () =>
      followUpFormCard('da', {
        activity: followUpActivity,
        place: 'form',
        values: { outcome: 'continued', note: 'Æ'.repeat(2001), newEffect: '', newEvaluationDate: '2027-03-01' },
        errors: { note: 'Bemærkningen er for lang: højst 2000 tegn.', newEffect: 'Skriv den nye forventede effekt, når aktiviteten fortsætter.', newEvaluationDate: 'Vælg en ny evalueringsdato efter i dag (29. marts 2027), når aktiviteten fortsætter.' },
      }),
  },
  ...CATALOGUE_CARD_FIXTURES,
  agenda: {
    'call for topics, no topics yet': () => agendaCard('da', { meeting: dialogmoede, agenda: undefined, mode: { kind: 'shared', stage: 'call' }, now: beforeMeeting }),
    'last call with topics in both parts': () => agendaCard('da', { meeting: dialogmoede, agenda: fiveTopics, mode: { kind: 'shared', stage: 'lastCall' }, now: beforeMeeting }),
    "a politician's own view": () =>
      agendaCard('da', { meeting: dialogmoede, agenda: fiveTopics, mode: { kind: 'personal', viewer: { personId: 'mette', admin: false, canAdd: true } }, now: beforeMeeting }),
    "the secretary's view of a full agenda": () =>
      agendaCard('da', { meeting: dialogmoede, agenda: fullAgenda, mode: { kind: 'personal', viewer: { personId: 'admin', admin: true, canAdd: false } }, now: beforeMeeting }),
    'final agenda, posted at the start': () => agendaCard('da', { meeting: dialogmoede, agenda: lock(fiveTopics, new Date(dialogmoede.start)), mode: { kind: 'final' }, now: new Date(dialogmoede.start) }),
    'final agenda of a full meeting, English': () => agendaCard('en', { meeting: dialogmoede, agenda: lock(fullAgenda, new Date(dialogmoede.start)), mode: { kind: 'final' }, now: new Date(dialogmoede.start) }),
    'a moved extra dialogmøde, its own title, a topic only in part 2': () =>
      agendaCard('da', {
        meeting: { ...dialogmoede, title: 'Ekstra dialogmøde om budgettet', added: true, status: 'moved', originalStart: '2026-12-07T13:00:00.000Z', start: '2026-12-08T09:00:00.000Z' },
        agenda: { ...fiveTopics, topics: fiveTopics.topics.filter((t) => t.part === 2) },
        mode: { kind: 'personal', viewer: { personId: 'mette', admin: false, canAdd: true }, stage: 'lastCall' },
        now: beforeMeeting,
      }),
    'last call, as the Byråd writes it': () => agendaCard('da', { meeting: dialogmoede, agenda: byraadAgenda, mode: { kind: 'shared', stage: 'lastCall' }, now: beforeMeeting }),
    "a politician's own view, as the Byråd writes it": () =>
      agendaCard('da', { meeting: dialogmoede, agenda: byraadAgenda, mode: { kind: 'personal', viewer: { personId: 'mette', admin: false, canAdd: true } }, now: beforeMeeting }),
    'final agenda, as the Byråd writes it': () =>
      agendaCard('da', { meeting: dialogmoede, agenda: lock(byraadAgenda, new Date(dialogmoede.start)), mode: { kind: 'final' }, now: new Date(dialogmoede.start) }),
    'cancelled meeting, topics moved on': () =>
      agendaCard('da', { meeting: { ...dialogmoede, status: 'cancelled' }, agenda: fiveTopics, next: januaryDialogmoede, mode: { kind: 'shared', stage: 'call' }, now: beforeMeeting }),
  },
  'topic-form': {
    new: () => topicFormCard('da', { meeting: dialogmoede, submissionId: 'sub-1', values: { title: '', why: '', part: '', committee: '' }, errors: [] }),
    'with errors at each field': () =>
      topicFormCard('da', {
        meeting: dialogmoede,
        submissionId: 'sub-1',
        values: { title: '', why: 'x'.repeat(2001), part: '', committee: 'Kulturudvalget' },
        errors: [
          { field: 'title', code: 'REQUIRED' },
          { field: 'why', code: 'TOO_LONG', limit: 2000 },
          { field: 'part', code: 'REQUIRED' },
          { field: 'committee', code: 'UNKNOWN_CHOICE' },
        ],
      }),
    "an admin editing a member's topic": () => topicFormCard('da', { meeting: dialogmoede, topicId: firstTopic.id, authorName: 'Lars Petersen', values: topicValues, errors: [] }),
    'editing, English': () => topicFormCard('en', { meeting: dialogmoede, topicId: firstTopic.id, values: topicValues, errors: [] }),
  },
  help: {
    'a politician, with Tilføj emne and the agenda': () =>
      helpCard('da', { actor: admin, commands: commandsFor(admin, 'da'), inGroupConversation: false, canAddTopic: true, canReadAgenda: true }),
    'admin in a linked announcement channel': () =>
      helpCard('da', {
        actor: admin,
        commands: commandsFor(admin, 'da', { conversationType: 'channel', canAddTopic: false, canStartTender: false, linked: true, announcement: true }),
        inGroupConversation: true,
        admin: { conversationType: 'channel', linkedGroup: group('byraad'), announcement: true, groups: demo.groups },
      }),
    'admin in an unlinked group chat, English': () =>
      helpCard('en', {
        actor: admin,
        commands: commandsFor(admin, 'en', { conversationType: 'groupChat', canAddTopic: false, canStartTender: false, linked: false, announcement: false }),
        inGroupConversation: true,
        admin: { conversationType: 'groupChat', announcement: false, groups: demo.groups },
      }),
    'admin in personal chat': () =>
      helpCard('da', {
        actor: admin,
        commands: commandsFor(admin, 'da'),
        inGroupConversation: false,
        admin: { conversationType: 'personal', announcement: false, groups: demo.groups },
      }),
    'employee with no roles': () => helpCard('da', { actor: employee, commands: commandsFor(employee, 'da'), inGroupConversation: false }),
    "the tovholder in the kernegruppe's chat, with its rights table": () =>
      helpCard('da', {
        actor: tovholder,
        commands: commandsFor(tovholder, 'da', { conversationType: 'groupChat', canAddTopic: false, canStartTender: true, linked: true, announcement: false, canListActivities: true, catalogueGroupId: 'kernegruppe-laering', managesGroupMeetingsHere: true }),
        inGroupConversation: true,
        rights: rightsHelpPart('da', groupRights(tovholder, demo, 'kernegruppe-laering')!),
      }),
    "a politician in the kernegruppe's chat, with its rights table, English": () =>
      helpCard('en', { actor: politiker, commands: commandsFor(politiker, 'en'), inGroupConversation: true, rights: rightsHelpPart('en', groupRights(politiker, demo, 'kernegruppe-laering')!) }),
    'politician whose message was not understood': () =>
      helpCard('da', { actor: politiker, commands: commandsFor(politiker, 'da'), inGroupConversation: false, notUnderstood: 'hvornår er næste dialogmøde' }),
  },
  profile: {
    'tovholder in two roles': () => profileCard('da', tovholder, false),
    'admin, English': () => profileCard('en', admin, true),
    'someone not on the roster': () => profileCard('da', outsider, false),
  },
  notice: {
    'refusal echoing the input': () =>
      noticeCard('da', { text: 'Jeg kender ingen gruppe, der hedder »Sundhed«.', style: 'attention', input: 'tilknyt kernegruppe Sundhed' }),
    'confirmation with a title': () => noticeCard('en', { title: 'Linked', text: 'This conversation now belongs to Byrådet.', style: 'good' }),
    'plain notice': () => noticeCard('da', { text: 'Intet er ændret.', style: 'default' }),
  },
  'tender-form': {
    'a new, empty form': () =>
      tenderFormCard('da', { ...tenderForm, values: tenderFormValuesFrom({ deadlineDate: '2026-12-07', deadlineTime: '12:00', decidedBy: 'kernegruppe' }), errors: [] }),
    'a draft being edited, English': () => tenderFormCard('en', { ...tenderForm, tenderId: draft.id, values: tenderFormValuesOf(draft), errors: [] }),
    'every field wrong': () =>
      tenderFormCard('da', {
        ...tenderForm,
        values: { ...TENDER_INPUT, title: 'x'.repeat(131), forudsaetninger: '', deadlineDate: '2027-03-28', deadlineTime: '02:30', budgetKr: 'mange penge' },
        errors: [
          { field: 'title', code: 'TOO_LONG', limit: 120 },
          { field: 'forudsaetninger', code: 'REQUIRED' },
          { field: 'description', code: 'REQUIRED' },
          { field: 'deadline', code: 'NOT_EXISTING_TIME' },
          { field: 'budgetKr', code: 'NOT_A_NUMBER' },
          { field: 'decidedBy', code: 'UNKNOWN_CHOICE' },
        ],
      }),
  },
  'tender-announcement': {
    'open, with a bid count and refresh for a bidder': () => announcementCard('da', withTwo, NOW, [bid.bidderTeamsId]),
    'closed at the deadline': () => announcementCard('da', withTwo, AFTER_DEADLINE, [bid.bidderTeamsId]),
    cancelled: () => announcementCard('en', cancelled, NOW, []),
    'draft preview': () => tenderPreviewCard('da', draft),
    "draft preview for a konsulent, who does not publish": () =>
      tenderPreviewCard('da', draft, { edits: true, publishes: false, cancels: false }, draftNoteText('da', whoMay(demo, 'kernegruppe-laering', 'offentliggoer'))),
    "a bidder's own view, open": () => myTenderBidsCard('da', withTwo, [edited, withdrawn], NOW),
    "a bidder's own view after the deadline, English": () => myTenderBidsCard('en', closed, [edited], AFTER_DEADLINE),
  },
  'group-meetings': {
    "the tovholder's view": () => groupMeetingsCard('da', groupMeetingsView(true)),
    "the tovholder's view, with a problem at a meeting and what was typed": () =>
      groupMeetingsCard('da', groupMeetingsView(true), { row: { meetingId: kernegruppeMeeting.id, error: 'Det tidspunkt er allerede passeret. Du skrev: 15.01.2027 14:00', date: '2027-01-15', time: '14:00' } }),
    'a member without buttons': () => groupMeetingsCard('da', groupMeetingsView(false)),
    'six meetings with long titles and a problem at the add form, English': () =>
      groupMeetingsCard('en', { ...groupMeetingsView(true), meetings: Array.from({ length: 6 }, (_, i) => ({ ...kernegruppeMeeting, id: `m${i}`, title: 'Æ'.repeat(200) })) }, { add: { error: 'That time has already passed.', date: '2027-01-15', time: '14:00', topic: 'Ø'.repeat(200) } }),
    'no meetings, no season, after a move': () => groupMeetingsCard('da', { ...groupMeetingsView(true), meetings: [], seasonMonths: [] }, { notice: { text: 'Mødet er flyttet.', good: true } }),
  },
  holiday: {
    'dialogmøde on 2. påskedag': () => holidayCard('da', holidayMeeting),
    'with an error at the date': () => holidayCard('en', holidayMeeting, 'Write the date and time as 2026-12-16 17:00.'),
  },
  'tender-message': {
    'historik of a tender': () =>
      historyCard('da', {
        title: 'Læsevenner i lokalsamfundet',
        lines: [
          { at: '2026-12-09T09:12:00.000Z', by: 'p-johan', action: 'decision.rejected', from: 'submitted', to: 'rejected', note: 'Overlapper med lektiecaféen, som allerede er i kataloget.', subject: { number: 2, title: 'Lektiehjælp online' } },
          { at: '2026-12-09T09:05:00.000Z', by: 'p-johan', action: 'decision.shortlisted', from: 'submitted', to: 'shortlisted', subject: { number: 1, title: 'Læsecafé på biblioteket' } },
          { at: '2026-12-07T11:00:00.000Z', by: 'system', action: 'closed', from: 'published', to: 'closed' },
          { at: '2026-12-02T13:05:00.000Z', by: 'p-sofie', action: 'edited', from: 'submitted', to: 'submitted', subject: { number: 1, title: 'Læsecafé på biblioteket' } },
          { at: '2026-12-01T09:31:00.000Z', by: 'p-sofie', action: 'submitted', to: 'submitted', subject: { number: 1, title: 'Læsecafé på biblioteket' } },
          { at: '2026-11-23T10:00:00.000Z', by: 'p-johan', action: 'published', from: 'draft', to: 'published' },
          { at: '2026-11-23T09:00:00.000Z', by: 'p-johan', action: 'created', to: 'draft' },
        ],
        names: new Map([['p-johan', 'Johan Kristensen'], ['p-sofie', 'Sofie Nielsen']]),
        page: 0,
        pages: 1,
        hasOlder: false,
        verb: 'tender.history',
        data: { tenderId: 'tender-1' },
      }),
    'historik: a page of 15 changes with the longest reasons': () =>
      historyCard('da', {
        title: 'L'.repeat(TENDER_LIMITS.title),
        lines: Array.from({ length: HISTORY_PAGE }, (_, i) => ({
          at: new Date(NOW.getTime() + i * 60_000).toISOString(),
          by: i % 2 ? 'system' : 'p-johan',
          action: i % 3 ? 'rejected' : 'cancelled',
          from: 'submitted',
          to: 'rejected',
          note: '»'.repeat(TENDER_LIMITS.cancelReason),
          subject: { number: i + 1, title: '*'.repeat(BID_LIMITS.title) },
        })),
        names: new Map([['p-johan', 'Johan Kristensen']]),
        page: 0,
        pages: 3,
        hasOlder: true,
        verb: 'tender.history',
        data: { tenderId: 'tender-1' },
      }),
    'an evaluation saved': () => evaluationSavedCard('da', bid, myEvaluation, { sort: 'score', page: '0' }),
    'konsekvensberegning asked for': () => konsekvensAskedCard('da', { bid: konsekvensRequested, oekonomikonsulenter: [{ name: 'Birgitte Lund' }], already: false, asker: 'bidder' }),
    'konsekvensberegning already asked for, English': () => konsekvensAskedCard('en', { bid: konsekvensRequested, oekonomikonsulenter: [{ name: 'Birgitte Lund' }], already: true, asker: 'member' }),
    'konsekvensberegning saved, revised': () => konsekvensSavedCard('da', closed, konsekvensDone),
    'konsekvensberegning, to the bidder': () => konsekvensMadeCard('da', closed, konsekvensDone, 'bidder'),
    'konsekvensberegning, to the group, English': () => konsekvensMadeCard('en', closed, konsekvensDone, 'group'),
    ...BID_STATUS_FIXTURES,
    'a late konkretisering, everything written shown back': () => lateAnswerCard('da', closed, answeredAtLimits, answerValuesOf(answeredAtLimits)),
    "the group's chat told of a konkretisering": () => answeredNoticeCard('da', closed, answeredAtLimits, 'answered'),
    'award recorded over the frame': () => awardDoneCard('da', { tender: closed, bid: shortlisted, entry: framedCatalogue.entry, catalogue: framedCatalogue.catalogue, duplicate: false }),
    "the bidder's notice of a rejection": () => firstCard(decisionNoticeViews['decision.status']('da', { kind: 'decision.status', tender: closed, bid: { ...shortlisted, status: 'rejected' }, change: { at: '2026-12-08T09:00:00Z', by: 'p-hanne', action: 'decision.rejected', from: 'shortlisted', to: 'rejected', note: 'Ligger uden for udbuddet.' } }, NOW)),
    "the group chat's notice of an award, English": () => firstCard(decisionNoticeViews['award.group']('en', { kind: 'award.group', tender: closed, bid: { ...shortlisted, status: 'awarded' }, period: '2027', byName: 'Johan Kristensen' }, NOW)),
    'topic receipt': () => topicReceiptCard('da', { topic: firstTopic, meeting: dialogmoede, change: 'added', open: true }),
    'topic receipt, as the Byråd writes it': () => topicReceiptCard('da', { topic: byraadAgenda.topics[2]!, meeting: dialogmoede, change: 'added', open: true }),
    'topic moved from a cancelled meeting': () => topicReceiptCard('en', { topic: firstTopic, meeting: januaryDialogmoede, change: 'moved', cancelled: dialogmoede, open: true }),
    'late topic, with the next dialogmøde one press away': () =>
      topicLateCard('da', { meeting: dialogmoede, reason: 'locked', action: 'submit', values: topicValues, next: januaryDialogmoede, submissionId: 'sub-1' }),
    "an admin's receipt for a member's topic": () => topicReceiptCard('da', { topic: firstTopic, meeting: dialogmoede, change: 'edited', open: true, othersTopic: true }),
    "the author's notice of an admin's change": () => topicReceiptCard('da', { topic: firstTopic, meeting: dialogmoede, change: 'withdrawn', open: true, changedBy: 'Henrik Dahl' }),
    'a refusal that leads back to the agenda, with the text shown back': () =>
      agendaNoticeCard('da', { text: 'Kun den, der har sat emnet på, kan rette det.', style: 'attention', meetingId: dialogmoede.id, values: topicValues }),
    'Ret pressed after the start': () => topicLateCard('da', { meeting: dialogmoede, reason: 'locked', action: 'editPressed', values: topicValues, submissionId: 'x' }),
    'late withdrawal': () => topicLateCard('da', { meeting: dialogmoede, reason: 'locked', action: 'withdraw', values: topicValues, submissionId: 'sub-1' }),
    "a kernegruppe's own meeting reminder": () => kernegruppeReminderCard('da', { meeting: kernegruppeMeeting, digest, late: false }),
    'byrådsmøde reminder, sent late': () => byraadReminderCard('da', { meeting: byraadMeeting, groupMeeting: kernegruppeMeeting, digest, late: true }),
    'byrådsmøde reminder': () =>
      byraadReminderCard('da', { meeting: byraadMeeting, groupMeeting: kernegruppeMeeting, digest: { ...digest, openTenders: digest.openTenders.map((t) => ({ ...t, title: 'Læsevenner i lokalsamfundet' })) }, late: false }),
    'konsulent digest': () => konsulentReminderCard('en', { meeting: byraadMeeting, digests: [digest, { ...digest, groupName: 'Kernegruppe Beskæftigelse', openTenders: [] }], late: false }),
    'pitstop status across 20 kernegrupper, to the people at the meeting': () => crossStatusCard('da', { status: crossStatusOf(20), meeting: pitstopMeeting, late: false }),
    'status kernegrupper on demand, three groups': () => crossStatusCard('da', { status: crossStatusOf(3) }),
    'status kernegrupper on demand, English': () => crossStatusCard('en', { status: { ...crossStatusOf(2), lastPitstop: undefined } }),
    'Kommuneledelsen reminder across 20 kernegrupper, to its chat': () =>
      kommuneledelseReminderCard('da', { status: crossStatusOf(20), meeting: { ...pitstopMeeting, id: 'kommuneledelse-2026-12', kind: 'kommuneledelse', title: 'Kommuneledelsen' }, late: true }),
    'unreachable conversation': () => unreachableCard('da', { conversationName: 'Kernegruppe *Læring*', reason: 'forbidden', what: 'Byrådsmøde, byraadsmoede-7d' }),
    'next meetings, with ids for an admin': () =>
      meetingsCard('da', { own: [kernegruppeMeeting], ownTotal: 1, council: [byraadMeeting, { ...holidayMeeting, status: 'moved' }], councilTotal: 11, aheadDays: 75 }, true),
    'no meetings': () => meetingsCard('en', { own: [], ownTotal: 0, council: [], councilTotal: 0, aheadDays: 75 }, false),
    'reminder status': () =>
      reminderStatusCard('da', {
        counts: { sent: 8, pending: 4, skipped: 1, unreachable: 1, sending: 0 },
        notable: [reminder({ status: 'skipped', skippedReason: 'cancelled' }), reminder({ status: 'unreachable', lastError: 'forbidden (403)' }), reminder({ status: 'sent', late: true, sentAt: '2026-12-23T19:00:00Z' })],
        next: [reminder({})],
        describe: (r) => `${r.meetingId} · ${r.ruleId}`,
      }),
    'published to two channels, one failed': () =>
      publishReportCard('da', withBid, [
        { conversationId: '19:demo-team@thread.tacv2', name: 'Demo Kommune › General', ok: true },
        { conversationId: '19:byraad@thread.tacv2', name: 'Byrådet', ok: false, reason: 'not-installed' },
      ]),
    'published with no announcement channel': () => publishReportCard('da', withBid, []),
    'closed with 14 bids': () => closedSummaryCard('da', manyBids(14).tender),
    'cancelled, to a bidder': () => tenderCancelledCard('da', cancelled, bid),
    'cancelled, to the kernegruppe, English': () => tenderCancelledCard('en', cancelled),
    'a bid after the deadline': () => lateCard('da', { tender: closed, reason: 'deadline', echo: bidEcho('da', bidFormValuesOf(edited)) }),
  },
  'konsekvens-form': {
    "the økonomikonsulent's card with the bid's konkretisering at every limit": () =>
      konsekvensFormCard('da', { tender: closed, bid: { ...answeredAtLimits, konsekvens: konsekvensRequested.konsekvens }, values: konsekvensValuesOf('da', undefined), errors: [] }),
    "the økonomikonsulent's card, with the asker's question": () => konsekvensFormCard('da', { tender: closed, bid: konsekvensRequested, values: konsekvensValuesOf('da', undefined), errors: [] }),
    'every figure wrong, what was typed kept': () =>
      konsekvensFormCard('da', {
        tender: closed,
        bid: konsekvensRequested,
        values: { oneOffKr: '1,5 mio.', yearlyKr: '-5.000', years: '0', yearlySavingsKr: '', note: 'n'.repeat(2100) },
        errors: [
          { field: 'oneOffKr', code: 'MILLIONS' },
          { field: 'yearlyKr', code: 'NEGATIVE' },
          { field: 'years', code: 'YEARS', limit: 50 },
          { field: 'yearlySavingsKr', code: 'REQUIRED' },
          { field: 'note', code: 'TOO_LONG', limit: 2000 },
        ],
      }),
    'revising, English': () => konsekvensFormCard('en', { tender: closed, bid: konsekvensDone, values: konsekvensValuesOf('en', konsekvensDone.konsekvens?.result), errors: [] }),
    'the request form of a bidder': () => konsekvensAskFormCard('da', { tender: closed, bid: edited, oekonomikonsulenter: [{ name: 'Birgitte Lund' }], asker: 'bidder' }),
    'the request form of a member, the question too long': () =>
      konsekvensAskFormCard('da', { tender: closed, bid: edited, oekonomikonsulenter: [{ name: 'Birgitte Lund' }], asker: 'member', note: 'q'.repeat(1200), error: { field: 'requestNote', code: 'TOO_LONG', limit: 1000 } }),
  },
  'konkretisering-ask': {
    'a first request': () => askFormCard('da', { tender: closed, bid: edited, values: askValuesOf(edited, AFTER_DEADLINE), errors: [] }),
    'changing an open request, with a deadline in the past, English': () =>
      askFormCard('en', { tender: closed, bid: asked, values: { ...askValuesOf(asked, AFTER_DEADLINE), deadlineDate: '2026-12-01' }, errors: [{ field: 'deadline', code: 'IN_PAST' }] }),
  },
  'konkretisering-form': {
    'the request, with questions': () => answerFormCard('da', { tender: closed, bid: asked, values: answerValuesOf(asked), errors: [] }),
    'a reminder 2 hours before, English': () => answerFormCard('en', { tender: closed, bid: asked, values: answerValuesOf(asked), errors: [], reminder: '2h' }),
    'answered at every limit, come back with errors': () =>
      answerFormCard('da', {
        tender: closed,
        bid: answeredAtLimits,
        values: { ...answerValuesOf(answeredAtLimits), oneOffKr: '1,5 mio.', yearlyKr: '-5000' },
        errors: [
          { field: 'oneOffKr', code: 'INVALID' },
          { field: 'yearlyKr', code: 'NOT_POSITIVE' },
        ],
      }),
  },
  'bid-form': {
    'a new bid': () => bidFormCard('da', { tender: withBid, submissionId: 'sub-new', values: bidFormValuesFrom({ participate: 'false' }), errors: [] }),
    'editing a bid, English': () => bidFormCard('en', { tender: withTwo, bidId: edited.id, values: bidFormValuesOf(edited), errors: [], notice: 'Your bid is loaded.' }),
    'a cross-cutting bid edited from `mine bud`, its toggled parts open': () =>
      bidFormCard('da', { tender: withTwo, bidId: crossCutting.id, values: bidFormValuesOf(crossCutting), errors: [], from: 'mine' }),
    'every field wrong': () =>
      bidFormCard('da', {
        tender: withBid,
        submissionId: 'sub-new',
        values: { ...bidFormValuesOf(bid), title: '', howItHelps: 'y'.repeat(2001), forudsaetninger: 'beskaeftigelse-1', roleBorgeren: 'z'.repeat(1002) },
        errors: [
          { field: 'title', code: 'REQUIRED' },
          { field: 'howItHelps', code: 'TOO_LONG', limit: 2000 },
          { field: 'forudsaetninger', code: 'INVALID' },
          { field: 'role.borgeren', code: 'TOO_LONG', limit: 1000 },
          { field: 'participate', code: 'INVALID' },
        ],
      }),
  },
  'bid-receipt': {
    submitted: () => bidReceiptCard('da', withBid, bid, NOW, 'submitted'),
    'edited, English': () => bidReceiptCard('en', withTwo, edited, NOW, 'edited'),
    withdrawn: () => bidReceiptCard('da', withTwo, withdrawn, NOW, 'withdrawn'),
    'after the deadline': () => bidReceiptCard('da', closed, edited, AFTER_DEADLINE, 'submitted'),
  },
  confirm: {
    'reject a bid, the reason missing': () => rejectAskCard('da', shortlisted, '', 'Skriv en begrundelse: byderen får den at vide.'),
    'cancel a tender, with a reason missing': () =>
      confirmCard('da', {
        title: 'Annullér udbuddet?',
        text: 'Alle, der har budt, får besked.',
        confirmTitle: 'Annullér udbuddet',
        confirmVerb: 'tender.cancel',
        confirmData: { tenderId: withBid.id },
        backVerb: 'tender.list',
        backData: {},
        reason: { label: 'Begrundelse', value: '', error: 'Skriv en begrundelse.' },
      }),
    'withdraw a bid, English': () =>
      confirmCard('en', { title: 'Withdraw the bid?', text: 'Bid no. 1 will be withdrawn.', confirmTitle: 'Withdraw', confirmVerb: 'bid.withdraw', confirmData: { bidId: bid.id } }),
  },
  'bid-overview': {
    'a middle page of ten': () => bidOverviewCard('da', manyBids(30).tender, manyBids(30).bids.slice(10, 20), { hasPrevious: true, hasNext: true }, NOW),
    'no bids yet': () => bidOverviewCard('da', publishedTender(), [], { hasPrevious: false, hasNext: false }, NOW),
    'one edited and one withdrawn, English': () => bidOverviewCard('en', withTwo, [edited, withdrawn], { hasPrevious: false, hasNext: false }, NOW),
    'cancelled': () => bidOverviewCard('da', cancelled, [edited], { hasPrevious: false, hasNext: false }, NOW),
    'sorted by the members’ evaluation': () => bidOverviewCard('da', withTwo, [edited, withdrawn], { hasPrevious: false, hasNext: true }, NOW, undefined, assessed),
  },
  'evaluation-form': {
    'a new evaluation of a cross-cutting bid (pre-filled)': () => evaluationFormCard('da', { bid: crossCutting, values: evaluationValuesOf(crossCutting, undefined), errors: [], mine: undefined, back: {} }),
    'changing one’s evaluation of a bid edited since, English': () => evaluationFormCard('en', { bid: edited, values: evaluationValuesOf(edited, myEvaluation), errors: [], mine: myEvaluation, back: { sort: 'score', page: '1' } }),
    'refused: marks missing, a comment too long': () =>
      evaluationFormCard('da', {
        bid: edited,
        values: evaluationValuesFrom({ mark_netvaerk: 'ja', comment_opgaven: 'x'.repeat(1200) }),
        errors: [{ field: 'mark.tvaergaaende', code: 'REQUIRED' }, { field: 'mark.opgaven', code: 'REQUIRED' }, { field: 'mark.samskabelse', code: 'REQUIRED' }, { field: 'comment.opgaven', code: 'TOO_LONG', limit: 1000 }],
        mine: undefined,
        back: {},
      }),
  },
  'bid-detail': {
    'a member’s view with evaluations, the bid edited since': () =>
      bidDetailCard('da', withTwo, edited, {}, { assessment: { mine: { ...myEvaluation, comments: { netvaerk: longComment, tvaergaaende: longComment, opgaven: longComment, samskabelse: longComment } }, combined: combine([myEvaluation, theirEvaluation]), mayEvaluate: { ok: true, value: true } } }),
    'with every role filled in, edited': () => bidDetailCard('da', withTwo, edited),
    'closed, with a revised konsekvensberegning': () => bidDetailCard('da', closed, konsekvensDone),
    'closed, konsekvensberegning asked for, English': () => bidDetailCard('en', closed, konsekvensRequested),
    'a konkretisering asked for, as a manager sees it': () => bidDetailCard('da', closed, asked, {}, { reader: { now: AFTER_DEADLINE, manages: true, askable: true } }),
    'a konkretisering answered at every limit, with characters to escape': () => bidDetailCard('da', closed, answeredAtLimits, {}, { reader: { now: AFTER_DEADLINE, manages: false, askable: true } }),
    'a konkretisering not answered by its deadline, English': () => bidDetailCard('en', closed, asked, {}, { reader: { now: new Date('2027-01-01T00:00:00Z'), manages: true, askable: true } }),
    'cross-cutting and withdrawn, English': () => bidDetailCard('en', withTwo, withdrawn),
    'shortlisted, with the tovholder\'s decision buttons': () =>
      bidDetailCard('da', closed, shortlisted, {}, { decision: decisionPart('da', closed, shortlisted, { manages: true, awards: true, decidable: true }, '✓ Bud nr. 1 er sat på kortlisten') }),
    'before the deadline, English': () => bidDetailCard('en', withTwo, edited, {}, { decision: decisionPart('en', withTwo, edited, { manages: true, awards: false, decidable: false }) }),
  },
  'award-form': {
    'kernegruppen decides, a new form': () => awardFormCard('da', { form: awardForm('kernegruppe', { frameKr: 1_000_000, totalKr: 250_000 }) }),
    'over the frame, with the override field': () =>
      awardFormCard('da', {
        form: awardForm('kernegruppe'),
        values: { ...AWARD_TERMS, responsible: 'p-sofie', period: '2027', overrideReason: '' },
        over: { frameKr: 1_000_000, totalKr: 520_000, costKr: 600_000 },
      }),
    'Byrådet decides, errors at each field, English': () =>
      awardFormCard('en', {
        form: awardForm('byraad'),
        values: { period: '27', responsible: 'x', expectedEffect: '', startDate: '2027-02-30', evaluationDate: '', overrideReason: '' },
        errors: [
          { field: 'period', code: 'INVALID' },
          { field: 'responsible', code: 'UNKNOWN_CHOICE' },
          { field: 'expectedEffect', code: 'REQUIRED' },
          { field: 'startDate', code: 'INVALID' },
          { field: 'evaluationDate', code: 'REQUIRED' },
        ],
      }),
  },
  'tender-list': {
    'open tenders, one already bid on': () =>
      tenderListCard('da', {
        title: 'Åbne udbud',
        empty: 'Der er ingen åbne udbud lige nu.',
        items: [{ tender: withTwo, mine: 1 }, { tender: publishedTender({ title: 'Overgang til ungdomsuddannelse' }, 'tender-2') }],
        now: NOW,
        mode: 'open',
      }),
    "the kernegruppe's tenders in every state": () =>
      tenderListCard('da', { title: 'Udbud fra Kernegruppe Læring', empty: 'Ingen.', items: [draft, withTwo, closed, cancelled].map((tender) => ({ tender })), now: NOW, mode: 'group' }),
    'empty, English': () => tenderListCard('en', { title: 'Open tenders', empty: 'There are no open tenders right now.', items: [], now: NOW, mode: 'open' }),
    'my bids': () =>
      myBidsCard(
        'da',
        [
          { tender: withTwo, bid: edited },
          { tender: withTwo, bid: withdrawn },
          { tender: cancelled, bid },
          { tender: closed, bid: edited },
        ],
        NOW,
      ),
    'my bids, none, English': () => myBidsCard('en', [], NOW),
  },
  'person-data-matches': {
    'several people match a name: ten buttons and more': () =>
      personMatchesCard('da', 'Nielsen', Array.from({ length: 11 }, (_, i) => ({ id: `d0000000-0000-4000-8000-0000000000${String(i).padStart(2, '0')}`, name: `${'Kirstine Marie Ravnsborg-'.repeat(3)}Nielsen ${i}` }))),
    'two people, English': () => personMatchesCard('en', 'niels', [{ id: 'd0000000-0000-4000-8000-000000000005', name: 'Sofie Nielsen' }, { id: 'd0000000-0000-4000-8000-000000000006', name: 'Niels Iversen' }]),
  },
  'person-data': {
    'an employee with a bid, an evaluation and a 1:1 chat, the link for 15 minutes': () =>
      personDataCard('da', { personId: 'd0000000-0000-4000-8000-000000000005', name: 'Sofie Nielsen' }, { url: `https://kerneopgave.azurewebsites.net/persondata/${'x'.repeat(120)}.${'s'.repeat(43)}`, expiresAt: NOW }),
    'an erasure that did not finish, English': () =>
      personDataCard('en', {
        personId: 'd0000000-0000-4000-8000-000000000005',
        erasure: { tenantId: TENANT, personId: 'd0000000-0000-4000-8000-000000000005', requestedBy: { id: 'a', name: 'Henrik Dahl' }, startedAt: NOW.toISOString(), status: 'running', deleted: {}, anonymised: {}, pseudonym: 'slettet-0123456789ab' },
      }, { url: 'http://localhost:3978/persondata/a.b', expiresAt: NOW }),
    'the log of erasures, at most ten': () =>
      erasureLogCard(
        'da',
        Array.from({ length: 10 }, (_, i) => ({
          tenantId: TENANT,
          personId: `d0000000-0000-4000-8000-0000000000${String(i).padStart(2, '0')}`,
          requestedBy: { id: 'a', name: 'Henrik Dahl' },
          startedAt: NOW.toISOString(),
          finishedAt: NOW.toISOString(),
          status: i === 0 ? ('running' as const) : ('done' as const),
          deleted: { person: 1, conversation: 1, notice: 12 },
          anonymised: { bid: 4, evaluation: 9, tender: 2, agenda: 1, catalogue: 1, activity: 1 },
          pseudonym: 'slettet-0123456789ab',
        })),
      ),
    'no erasures yet, English': () => erasureLogCard('en', []),
    'a done erasure, the id not on the roster': () =>
      personDataCard('da', {
        personId: 'd0000000-0000-4000-8000-000000000005',
        erasure: { tenantId: TENANT, personId: 'd0000000-0000-4000-8000-000000000005', requestedBy: { id: 'a', name: 'Henrik Dahl' }, startedAt: NOW.toISOString(), finishedAt: NOW.toISOString(), status: 'done', deleted: { person: 1, conversation: 1 }, anonymised: { bid: 40, evaluation: 90 }, pseudonym: 'slettet-0123456789ab' },
      }, { url: 'http://localhost:3978/persondata/a.b', expiresAt: NOW }),
    'the erasure notice to the admin, English': () => erasureDoneCard('en', { personId: 'd0000000-0000-4000-8000-000000000005', deleted: { person: 1, conversation: 1, notice: 3 }, anonymised: { bid: 4, evaluation: 9 } }),
  },
  'export-links': {
    'the catalogue\'s two links': () =>
      exportLinksCard('da', {
        catalogue: { groupId: 'kernegruppe-laering', groupName: 'Kernegruppe Læring', period: '2027' },
        // A real token is about 230 characters: the card must hold two of them comfortably.
        urls: { xlsx: `https://kerneopgave.azurewebsites.net/export/${'x'.repeat(190)}.${'s'.repeat(43)}`, html: `https://kerneopgave.azurewebsites.net/export/${'y'.repeat(190)}.${'t'.repeat(43)}` },
        expiresAt: new Date(NOW.getTime() + 15 * 60_000),
      }),
    'English': () =>
      exportLinksCard('en', { catalogue: { groupId: 'kernegruppe-laering', groupName: 'Kernegruppe Læring', period: '2027' }, urls: { xlsx: 'http://localhost:3978/export/a.b', html: 'http://localhost:3978/export/c.d' }, expiresAt: NOW }),
  },
  links: {
    empty: () => linksCard('da', []),
    'group chats and an announcement channel': () =>
      linksCard('da', [
        { conversationName: 'Kernegruppe Læring', groupName: 'Kernegruppe Læring', announcement: false },
        { conversationName: 'Byrådet', groupName: 'Byrådet', announcement: true },
        { announcement: true },
        ...demo.groups.map((g) => ({ conversationName: `${g.name} – chat`, groupName: g.name, announcement: false })),
      ]),
  },
};
