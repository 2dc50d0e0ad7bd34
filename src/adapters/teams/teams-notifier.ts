// Proactive messages: posting and updating cards in conversations the bot was added to, and writing
// to a person 1:1 (creating the chat if need be), through the adapter's connector. Failures come back
// as a reason (removed, forbidden, failed) instead of an exception: the use case decides what to say.

import { CardFactory, MessageFactory, TextFormatTypes, type Activity, type CloudAdapterBase, type ConversationReference } from 'botbuilder';
import type { Clock, ConversationRecord, ConversationRepository, Delivery, Notice, Notifier, PersonAddress } from '../../app/ports.js';
import type { Logger } from '../../logger.js';
import { fitCard, splitText } from '../cards/card-budget.js';
import type { NoticeView, NoticeViews } from '../cards/notice-views.js';
import { reminderNoticeViews } from '../cards/reminder-views.js';
import { tenderNoticeViews } from '../cards/tender-notice-views.js';
import { bidNoticeViews } from '../cards/bid-views.js';
import { agendaNoticeViews } from '../cards/agenda-views.js';
import { konsekvensNoticeViews } from '../cards/konsekvens-views.js';
import { activityNoticeViews } from '../cards/activity-views.js';
import { catalogueNoticeViews } from '../cards/catalogue-views.js';
import { bidStatusNoticeViews } from '../cards/bid-status-views.js';
import { konkretiseringNoticeViews } from '../cards/konkretisering-views.js';
import { decisionNoticeViews } from '../cards/decision-views.js';
import { crossStatusNoticeViews } from '../cards/cross-status-views.js';
import { kommuneledelseNoticeViews } from '../cards/kommuneledelse-views.js';
import type { Locale } from '../i18n/text.js';
import { groupMeetingNoticeViews } from '../cards/group-meeting-views.js';
import { draftReadyNoticeViews } from '../cards/draft-ready-views.js';
import { erasureNoticeViews } from '../cards/person-data-views.js';

/** Every feature's notice views: the compiler checks that each kind of notice has one. */
const NOTICE_VIEWS: NoticeViews = {
  ...tenderNoticeViews,
  ...bidNoticeViews,
  ...reminderNoticeViews,
  ...agendaNoticeViews,
  ...konsekvensNoticeViews,
  ...activityNoticeViews,
  ...catalogueNoticeViews,
  ...bidStatusNoticeViews,
  ...konkretiseringNoticeViews,
  ...decisionNoticeViews,
  ...crossStatusNoticeViews,
  ...groupMeetingNoticeViews,
  ...kommuneledelseNoticeViews,
  ...draftReadyNoticeViews,
  ...erasureNoticeViews,
};

/** The Bot Framework scope a bot uses to reach the public Teams service. */
const TEAMS_AUDIENCE = 'https://api.botframework.com';

function statusOf(error: unknown): number | undefined {
  const e = error as { statusCode?: unknown; status?: unknown; response?: { status?: unknown } };
  const s = e?.statusCode ?? e?.status ?? e?.response?.status;
  return typeof s === 'number' ? s : undefined;
}

/** Teams' Retry-After, in seconds, on a 429. */
function retryAfterMs(error: unknown): number | undefined {
  const headers = (error as { response?: { headers?: { get?: (name: string) => string | undefined } & Record<string, unknown> } })?.response?.headers;
  const raw = headers?.get?.('retry-after') ?? (headers?.['retry-after'] as string | undefined);
  const seconds = raw === undefined ? NaN : Number(raw);
  return Number.isFinite(seconds) ? seconds * 1000 : undefined;
}

function failure(error: unknown): Delivery {
  const status = statusOf(error);
  if (status === 429) return { ok: false, reason: 'throttled', status, retryAfterMs: retryAfterMs(error) };
  if (status === 403) return { ok: false, reason: 'forbidden', status };
  if (status === 404) return { ok: false, reason: 'removed', status };
  return { ok: false, reason: 'failed', status };
}

export class TeamsNotifier implements Notifier {
  constructor(
    private readonly adapter: CloudAdapterBase,
    private readonly botAppId: string,
    private readonly conversations: ConversationRepository,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /**
   * The notice drawn by its feature's view: cards (each fitted to the budget; the final agenda may take
   * several, in order), or plain text, so what is copied from Teams (the agenda for the minutes) is exactly the text.
   */
  private activitiesFor(notice: Notice, locale: Locale): Partial<Activity>[] {
    // The table is keyed by kind, so the view found is the one for this notice.
    const view = NOTICE_VIEWS[notice.kind] as NoticeView<Notice['kind']>;
    const drawing = view(locale, notice as never, this.clock.now());
    if ('text' in drawing) return splitText(drawing.text).map((part) => ({ ...MessageFactory.text(part), textFormat: TextFormatTypes.Plain }));
    return drawing.cards.map((card) => MessageFactory.attachment(CardFactory.adaptiveCard(fitCard(card, locale, this.log))));
  }

  private botId(): string {
    return `28:${this.botAppId || 'kerneopgave-bot'}`;
  }

  async post(conversation: ConversationRecord, notice: Notice, locale: Locale): Promise<Delivery> {
    const messages = this.activitiesFor(notice, locale);
    try {
      let activityId = '';
      await this.adapter.continueConversationAsync(this.botAppId, conversation.reference as Partial<ConversationReference>, async (ctx) => {
        activityId = (await ctx.sendActivities(messages))[0]?.id ?? '';
      });
      return { ok: true, activityId };
    } catch (error) {
      this.log.warn({ err: error, conversationId: conversation.conversationId, notice: notice.kind }, 'proactive post failed');
      return failure(error);
    }
  }

  async update(conversation: ConversationRecord, activityId: string, notice: Notice, locale: Locale): Promise<Delivery> {
    const [message] = this.activitiesFor(notice, locale);
    try {
      await this.adapter.continueConversationAsync(this.botAppId, conversation.reference as Partial<ConversationReference>, async (ctx) => {
        await ctx.updateActivity({ ...message, id: activityId });
      });
      return { ok: true, activityId };
    } catch (error) {
      this.log.warn({ err: error, conversationId: conversation.conversationId, activityId, notice: notice.kind }, 'card update failed');
      return failure(error);
    }
  }

  /**
   * Teams opens (or finds) the 1:1 chat with a person from their user id; where it refuses, the
   * personal chat recorded when the person installed the bot is used instead.
   */
  async toPerson(person: PersonAddress, notice: Notice, locale: Locale): Promise<Delivery> {
    const messages = this.activitiesFor(notice, locale);
    try {
      let activityId = '';
      await this.adapter.createConversationAsync(
        this.botAppId,
        'msteams',
        person.serviceUrl,
        TEAMS_AUDIENCE,
        { isGroup: false, bot: { id: this.botId(), name: 'Kerneopgave-bot' }, members: [{ id: person.teamsId, name: '' }], tenantId: person.tenantId, channelData: { tenant: { id: person.tenantId } } } as never,
        async (ctx) => {
          activityId = (await ctx.sendActivities(messages))[0]?.id ?? '';
        },
      );
      return { ok: true, activityId };
    } catch (error) {
      const recorded = (await this.conversations.getPersonal(person.tenantId, person.userId))?.value;
      if (recorded?.status === 'installed') return this.post(recorded, notice, locale);
      this.log.warn({ err: error, userId: person.userId, notice: notice.kind }, '1:1 message failed');
      return failure(error);
    }
  }
}
