// The teams-ai Application and its routes: which activity goes to which handler. Handlers live in
// their own files; this file only wires them, with a guard around each.

import { Application, TurnState, type TeamsAdapter } from '@microsoft/teams-ai';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Telemetry } from '../../app/ports.js';
import type { ActivityRepository, AgendaRepository, CalendarRepository, CatalogueRepository, Clock, ConversationRepository, DirectoryRepository, Notifier, ReminderRepository, TenderRepository, AfterClick, OutboxRepository, EvaluationRepository } from '../../app/ports.js';
import * as calendar from './calendar-handlers.js';
import * as groupMeeting from './group-meeting-handlers.js';
import type { Logger } from '../../logger.js';
import { splitText } from '../cards/card-budget.js';
import { noticeCard } from '../cards/views.js';
import { text, type Locale } from '../i18n/text.js';
import { parseCommand } from './commands.js';
import { botMembershipChange, onConversationEvent } from './conversation-events.js';
import { announceHere, linkHere, showHelp, showLinks, showProfile, unlinkHere } from './directory-handlers.js';
import * as tender from './tender-handlers.js';
import * as bid from './bid-handlers.js';
import * as agenda from './agenda-handlers.js';
import * as history from './history-handlers.js';
import * as evaluation from './evaluation-handlers.js';
import * as konsekvens from './konsekvens-handlers.js';
import { exportCatalogue } from './export-handlers.js';
import type { ExportLinkSettings } from '../../app/export.js';
import { randomBytes } from 'node:crypto';
import * as activity from './activity-handlers.js';
import * as catalogue from './catalogue-handlers.js';
import * as konkretisering from './konkretisering-handlers.js';
import * as decision from './decision-handlers.js';
import * as crossStatus from './cross-status-handlers.js';
import * as draftReady from './draft-ready-handlers.js';
import type { AgendaWriteQueue } from '../../app/agenda.js';
import { guardEvent, guardInvoke, guardMessage, sendCard, type Turn } from './turn.js';
import { refuseForeignTenants } from './tenant-allowlist.js';
import * as personData from './person-data-handlers.js';
import type { PersonDataRepository } from '../../app/ports.js';

export interface BotDeps {
  readonly directories: DirectoryRepository;
  readonly conversations: ConversationRepository;
  readonly tenders: TenderRepository;
  readonly calendars: CalendarRepository;
  readonly reminders: ReminderRepository;
  readonly agendas: AgendaRepository;
  /** Kernegruppe members' evaluations of bids against the pejlemærker. */
  readonly evaluations: EvaluationRepository;
  readonly catalogues: CatalogueRepository & ActivityRepository;
  readonly agendaQueue?: AgendaWriteQueue | undefined;
  readonly notifier: Notifier;
  readonly clock: Clock;
  readonly newId: () => string;
  /** What is owed to people after a click (receipts, cancellation notices, card redraws). */
  readonly outbox: OutboxRepository;
  /** Wakes the outbox sender after a click; left out where the scheduled work is run by hand. */
  readonly afterClick?: AfterClick | undefined;
  readonly log: Logger;
  /** Tenant for activities that carry none; local development only. */
  readonly fallbackTenantId?: string | undefined;
  /** Answer in this language whatever the client says (local clients that always send en-US). */
  readonly localeOverride?: Locale | undefined;
  /** Needed for proactive messages; tests that drive app.run() directly may leave it out. */
  readonly adapter?: TeamsAdapter | undefined;
  readonly botAppId?: string | undefined;
  /** Signs the catalogue's export links and says where they point; tests that drive app.run() directly may leave it out. */
  readonly exportLinks?: ExportLinkSettings | undefined;
  /** Counts bids and topics (adapters/telemetry when a connection string is set); left out, nothing is counted. */
  readonly telemetry?: Telemetry | undefined;
  /** The Entra tenants served (lower case); undefined serves every tenant (see tenant-allowlist.ts). */
  readonly allowedTenants?: ReadonlySet<string> | undefined;
  /** Every item of a tenant, for an admin's export and erasure of one person's data (GDPR). */
  readonly personData: PersonDataRepository;
}

export const Verb = {
  Profile: 'help.profile',
  Link: 'admin.link',
  AnnouncementOn: 'admin.announcement.on',
  AnnouncementOff: 'admin.announcement.off',
  Links: 'admin.links',
} as const;

const TenderId = tender.TenderIdData;
const MeetingData = z.object({ meetingId: z.string().min(1).max(120), date: z.string().max(20).optional(), time: z.string().max(10).optional() });
const BidId = tender.BidIdData;
/** Where the pressed card was reached from; a value no card sends is tampered data (a ZodError, answered politely). */
const fromOf = (data: Record<string, unknown>) => tender.FromData.parse(data).from;

const LinkData = z.object({ groupId: z.string().min(1).max(100) });

async function onMessage(deps: BotDeps, turn: Turn): Promise<void> {
  const input = turn.ctx.activity.text ?? '';
  const command = parseCommand(input);
  switch (command.kind) {
    case 'help':
      return sendCard(turn.ctx, await showHelp(deps, turn));
    case 'whoami':
      return sendCard(turn.ctx, await showProfile(deps, turn));
    case 'link':
      return sendCard(turn.ctx, (await linkHere(deps, turn, command.group, input)).card);
    case 'unlink':
      return sendCard(turn.ctx, await unlinkHere(deps, turn, input));
    case 'announce':
      return sendCard(turn.ctx, await announceHere(deps, turn, command.on, input));
    case 'links':
      return sendCard(turn.ctx, await showLinks(deps, turn, input));
    case 'newTender':
      return sendCard(turn.ctx, await tender.newTenderForm(deps, turn));
    case 'tenders':
      return sendCard(turn.ctx, await tender.tenders(deps, turn, { shared: turn.who.conversation.conversationType !== 'personal' }));
    case 'myBids':
      return sendCard(turn.ctx, await bid.mine(deps, turn));
    case 'meetings':
      return sendCard(turn.ctx, await calendar.meetings(deps, turn));
    case 'reminders':
      return sendCard(turn.ctx, await calendar.reminders(deps, turn, input));
    case 'moveMeeting':
      return sendCard(turn.ctx, await calendar.move(deps, turn, command.meetingId, command.date, command.time, input));
    case 'cancelMeeting':
      return sendCard(turn.ctx, await calendar.cancel(deps, turn, command.meetingId, command.reason, input));
    case 'meetingCommandUnreadable':
      return sendCard(turn.ctx, await calendar.unreadable(deps, turn, command.command, input));
    case 'addMeeting':
      return sendCard(turn.ctx, await calendar.add(deps, turn, command.meetingKind, command.date, command.time, command.title, input));
    case 'newTopic':
      return sendCard(turn.ctx, await agenda.topicForm(deps, turn, { title: command.title, input }));
    case 'agenda':
      if (turn.who.conversation.conversationType !== 'personal') return agenda.postShared(deps, turn, input);
      return sendCard(turn.ctx, await agenda.show(deps, turn, { input }));
    case 'catalogue':
      return sendCard(turn.ctx, await catalogue.show(deps, turn, { period: command.period, input }));
    case 'agendaText': {
      const answer = await agenda.asText(deps, turn, undefined, input);
      if (answer.text !== undefined) await turn.ctx.sendActivities(splitText(answer.text).map((part) => ({ type: 'message', text: part, textFormat: 'plain' })));
      return answer.card ? sendCard(turn.ctx, answer.card) : undefined;
    }
    case 'activities':
      return sendCard(turn.ctx, await activity.list(deps, turn, input));
    case 'crossStatus':
      return sendCard(turn.ctx, await crossStatus.show(deps, turn, input));
    case 'personData':
      return sendCard(turn.ctx, await personData.show(personDataDeps(deps), turn, command.personId, input));
    case 'unknown':
      // A message without text is a press on an old Action.Submit button: say so rather than "I did not understand ''".
      if (command.text === '' && turn.ctx.activity.value !== undefined)
        return sendCard(turn.ctx, noticeCard(turn.who.locale, { text: text(turn.who.locale, 'error.unknownAction'), style: 'attention' }));
      return sendCard(turn.ctx, await showHelp(deps, turn, command.text));
  }
}

/** The export links' key as the catalogue's export has it (a fresh one where a test leaves it out). */
const fallbackLinks = { secret: randomBytes(32), baseUrl: () => 'http://localhost:3978' };
const personDataDeps = (deps: BotDeps) => ({ ...deps, exportLinks: deps.exportLinks ?? fallbackLinks });

function isCardAction(ctx: TurnContext): boolean {
  return ctx.activity.type === ActivityTypes.Invoke && ctx.activity.name === 'adaptiveCard/action';
}

function isExecuteAction(ctx: TurnContext): boolean {
  return isCardAction(ctx) && (ctx.activity.value as { action?: { type?: unknown } } | undefined)?.action?.type === 'Action.Execute';
}

export function createBotApp(deps: BotDeps): Application<TurnState> {
  const app = new Application<TurnState>({
    adapter: deps.adapter,
    botAppId: deps.botAppId,
    removeRecipientMention: true,
    // Each typing indicator is one more request against Teams' per-conversation rate limit.
    startTypingTimer: false,
    longRunningMessages: false,
  });
  // Before every route: a tenant the deployment does not serve reaches no repository.
  refuseForeignTenants(app, deps);

  app.activity(ActivityTypes.Message, guardMessage(deps, (turn) => onMessage(deps, turn)));

  app.activity(
    async (ctx) => botMembershipChange(ctx) !== undefined,
    guardEvent(deps, (turn) => onConversationEvent(deps, turn)),
  );

  app.adaptiveCards.actionExecute(Verb.Profile, guardInvoke(deps, (turn) => showProfile(deps, turn)));
  app.adaptiveCards.actionExecute(
    Verb.Link,
    guardInvoke(deps, async (turn, data) => {
      const parsed = LinkData.safeParse(data);
      if (!parsed.success) {
        turn.log.warn({ issues: parsed.error.issues }, 'card action with bad data');
        return noticeCard(turn.who.locale, { text: text(turn.who.locale, 'error.badActionData'), style: 'attention' });
      }
      const outcome = await linkHere(deps, turn, parsed.data.groupId, parsed.data.groupId);
      if (outcome.announce) await turn.ctx.sendActivity(outcome.announce);
      return outcome.card;
    }),
  );
  app.adaptiveCards.actionExecute(Verb.AnnouncementOn, guardInvoke(deps, (turn) => announceHere(deps, turn, true, '')));
  app.adaptiveCards.actionExecute(Verb.AnnouncementOff, guardInvoke(deps, (turn) => announceHere(deps, turn, false, '')));
  app.adaptiveCards.actionExecute(Verb.Links, guardInvoke(deps, (turn) => showLinks(deps, turn, '')));

  const execute = (verb: string, handler: (turn: Turn, data: Record<string, unknown>) => Promise<ReturnType<typeof noticeCard>>) =>
    app.adaptiveCards.actionExecute(verb, guardInvoke(deps, handler));
  // The kernegruppe's tenders
  execute('tender.new', (turn) => tender.newTenderForm(deps, turn));
  execute('tender.save', (turn, data) => tender.saveTender(deps, turn, data));
  execute('tender.edit', (turn, data) => tender.editTenderForm(deps, turn, TenderId.parse(data).tenderId, fromOf(data)));
  execute('tender.preview', (turn, data) => tender.draftPreview(deps, turn, TenderId.parse(data).tenderId));
  execute('tender.publish', (turn, data) => tender.publish(deps, turn, TenderId.parse(data).tenderId));
  execute('tender.cancelAsk', (turn, data) => tender.cancelAsk(deps, turn, TenderId.parse(data).tenderId));
  execute('tender.cancel', (turn, data) => {
    const d = tender.CancelData.parse(data);
    return tender.cancel(deps, turn, d.tenderId, d.reason ?? '');
  });
  execute('tender.list', (turn) => tender.tenders(deps, turn));
  // A drafter who may not publish hands the finished draft to the tovholder (issue 13 point 5)
  execute('tender.sendToLead', (turn, data) => draftReady.sendToLead(deps, turn, TenderId.parse(data).tenderId));
  // The overview and a bid's detail, with what the members did on them: evaluations, konkretisering,
  // konsekvensberegning, and the decisions the reader may make.
  execute('tender.bids', (turn, data) => evaluation.bids(deps, turn, data));
  execute('tender.bid', (turn, data) => evaluation.bid(deps, turn, data));
  execute('tender.closed', (turn, data) => tender.closedNotice(deps, turn, TenderId.parse(data).tenderId));
  execute('tender.history', (turn, data) => history.tenderHistory(deps, turn, data));
  // The employee's bids
  execute('bid.open', (turn, data) => bid.openBid(deps, turn, TenderId.parse(data).tenderId, bid.isUndo(data), fromOf(data)));
  execute('bid.new', (turn, data) => bid.newBidForm(deps, turn, TenderId.parse(data).tenderId, fromOf(data)));
  execute('bid.submit', (turn, data) => bid.submit(deps, turn, data));
  execute('bid.edit', (turn, data) => bid.editBidForm(deps, turn, BidId.parse(data).bidId, fromOf(data)));
  execute('bid.save', (turn, data) => bid.saveBid(deps, turn, data));
  execute('bid.withdrawAsk', (turn, data) => bid.withdrawAsk(deps, turn, BidId.parse(data).bidId, fromOf(data)));
  execute('bid.withdraw', (turn, data) => bid.withdrawConfirmed(deps, turn, BidId.parse(data).bidId, fromOf(data)));
  execute('bid.mine', (turn) => bid.mine(deps, turn));
  // Evaluating a bid against the pejlemærker (kernegruppe members)
  execute('evaluation.form', (turn, data) => evaluation.form(deps, turn, data));
  execute('evaluation.save', (turn, data) => evaluation.save(deps, turn, data));
  // The konsekvensberegning: asked for by the bidder or a member, made by the group's økonomikonsulent
  execute('konsekvens.request', (turn, data) => konsekvens.requestForm(deps, turn, data));
  execute('konsekvens.ask', (turn, data) => konsekvens.ask(deps, turn, data));
  execute('konsekvens.open', (turn, data) => konsekvens.open(deps, turn, data));
  execute('konsekvens.save', (turn, data) => konsekvens.save(deps, turn, data));
  // Stage 2: the konkretisering (seed 000: "Efterfølgende kan kernegruppen … bede om en konkretisering")
  execute('konkretisering.ask', (turn, data) => konkretisering.ask(deps, turn, data));
  execute('konkretisering.request', (turn, data) => konkretisering.request(deps, turn, data));
  execute('konkretisering.open', (turn, data) => konkretisering.open(deps, turn, data));
  execute('konkretisering.answer', (turn, data) => konkretisering.answer(deps, turn, data));
  execute('konkretisering.view', (turn, data) => konkretisering.view(deps, turn, data));
  app.adaptiveCards.search('people', konkretisering.peopleSearch(deps));
  // The kernegruppe's decisions on bids after the deadline
  execute('decision.shortlist', (turn, data) => decision.setStatus(deps, turn, data, 'shortlisted'));
  execute('decision.rejectAsk', (turn, data) => decision.rejectAsk(deps, turn, data));
  execute('decision.reject', (turn, data) => decision.setStatus(deps, turn, data, 'rejected'));
  execute('decision.reset', (turn, data) => decision.setStatus(deps, turn, data, 'submitted'));
  execute('award.form', (turn, data) => decision.awardFormHandler(deps, turn, data));
  execute('award.submit', (turn, data) => decision.awardSubmit(deps, turn, data));
  // The calendar (the holiday warning's buttons)
  execute('calendar.move', (turn, data) => {
    const d = MeetingData.parse(data);
    return calendar.moveFromCard(deps, turn, d.meetingId, d.date ?? '', d.time ?? '');
  });
  execute('calendar.cancel', (turn, data) => calendar.cancel(deps, turn, MeetingData.parse(data).meetingId, '', ''));
  // A kernegruppe's own meetings, from its card in the group's chat (its tovholder or an admin)
  execute('kernegruppemoede.move', (turn, data) => groupMeeting.move(deps, turn, data));
  execute('kernegruppemoede.cancel', (turn, data) => groupMeeting.cancel(deps, turn, data));
  execute('kernegruppemoede.add', (turn, data) => groupMeeting.add(deps, turn, data));
  // The dialogmøde agenda
  execute('agenda.show', (turn, data) => agenda.show(deps, turn, agenda.MeetingRef.parse(data)));
  execute('topic.new', (turn, data) => agenda.topicForm(deps, turn, { meetingId: agenda.MeetingRef.parse(data).meetingId }));
  execute('topic.submit', (turn, data) => agenda.submit(deps, turn, data));
  execute('topic.edit', (turn, data) => {
    const d = agenda.TopicRef.parse(data);
    return agenda.editForm(deps, turn, d.meetingId, d.topicId);
  });
  execute('topic.save', (turn, data) => agenda.save(deps, turn, data));
  execute('topic.withdrawAsk', (turn, data) => {
    const d = agenda.TopicRef.parse(data);
    return agenda.withdrawAsk(deps, turn, d.meetingId, d.topicId);
  });
  execute('topic.withdraw', (turn, data) => {
    const d = agenda.TopicRef.parse(data);
    return agenda.withdraw(deps, turn, d.meetingId, d.topicId);
  });
  execute('agenda.text', async (turn, data) => {
    const answer = await agenda.asText(deps, turn, agenda.MeetingRef.parse(data).meetingId, '');
    if (answer.text !== undefined) await turn.ctx.sendActivities(splitText(answer.text).map((part) => ({ type: 'message', text: part, textFormat: 'plain' })));
    return answer.card ?? noticeCard(turn.who.locale, { text: text(turn.who.locale, 'agenda.text.sentHere'), style: 'good' });
  });
  // The activity catalogue's export for the temamøde (links made for the person who pressed)
  const exportDeps = { ...deps, exportLinks: deps.exportLinks ?? { secret: randomBytes(32), baseUrl: () => 'http://localhost:3978' } };
  execute('catalogue.export', (turn, data) => exportCatalogue(exportDeps, turn, data));
  // Activities and their follow-up
  execute('activity.show', (turn, data) => activity.show(deps, turn, data));
  execute('activity.followUpForm', (turn, data) => activity.followUpForm(deps, turn, data));
  execute('activity.followUp', (turn, data) => activity.followUp(deps, turn, data));
  execute('activity.history', (turn, data) => activity.history(deps, turn, data));
  // The kernegruppe's activity catalogue
  execute('catalogue.show', (turn, data) => {
    const d = catalogue.ShowData.parse(data);
    return catalogue.show(deps, turn, { groupId: d.groupId, period: d.period, page: d.page === undefined ? undefined : Number(d.page) });
  });
  execute('catalogue.frameForm', (turn, data) => catalogue.frameForm(deps, turn, data));
  execute('catalogue.frame', (turn, data) => catalogue.saveFrame(deps, turn, data));
  execute('catalogue.presentForm', (turn, data) => catalogue.presentForm(deps, turn, data));
  execute('catalogue.present', (turn, data) => catalogue.present(deps, turn, data));
  execute('catalogue.decisionForm', (turn, data) => catalogue.decisionForm(deps, turn, data));
  execute('catalogue.decide', (turn, data) => catalogue.decide(deps, turn, data));
  // One person's data (GDPR), for an admin in their 1:1 chat: the overview, the confirmation, the erasure
  execute('persondata.show', (turn, data) => personData.showPerson(personDataDeps(deps), turn, data));
  execute('persondata.eraseAsk', (turn, data) => personData.eraseAsk(personDataDeps(deps), turn, data));
  execute('persondata.erase', (turn, data) => personData.erase(personDataDeps(deps), turn, data));

  // Registered last, so they answer only the card actions no route above took: old or tampered cards.
  const unknownAction = guardInvoke(deps, async (turn) => {
    turn.log.warn({ action: (turn.ctx.activity.value as { action?: unknown } | undefined)?.action }, 'unknown card action');
    return noticeCard(turn.who.locale, { text: text(turn.who.locale, 'error.unknownAction'), style: 'attention' });
  });
  app.adaptiveCards.actionExecute(async (ctx) => isExecuteAction(ctx), unknownAction);
  app.addRoute(
    async (ctx) => isCardAction(ctx) && !isExecuteAction(ctx),
    async (ctx, state) => {
      const card = await unknownAction(ctx, state, {});
      await ctx.sendActivity({
        type: ActivityTypes.InvokeResponse,
        value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card } },
      });
    },
    true,
  );

  return app;
}
