// One turn's context for handlers: who is acting where, in which language, with a logger that puts
// the conversation and activity id on every line. And the guard that turns a crash into a polite
// answer (a card for a card action, a message otherwise) instead of silence.

import { randomUUID } from 'node:crypto';
import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import { ZodError } from 'zod';
import type { Logger } from '../../logger.js';
import { fitAttachments, fitCard } from '../cards/card-budget.js';
import type { CardJson } from '../cards/render-card.js';
import { noticeCard } from '../cards/views.js';
import { charCount } from '../cards/card-parts.js';
import { text, type Locale } from '../i18n/text.js';
import { identityOf, type TurnIdentity } from './activity-info.js';
import { MAX_ACTIVITY_CHARS, MAX_FIELD_CHARS, oversizeInput } from './input-limits.js';

export interface Turn {
  readonly ctx: TurnContext;
  readonly who: TurnIdentity;
  readonly log: Logger;
}

export interface TurnDeps {
  readonly log: Logger;
  readonly fallbackTenantId?: string | undefined;
  readonly localeOverride?: Locale | undefined;
}

function turnLogger(deps: TurnDeps, ctx: TurnContext): Logger {
  const a = ctx.activity;
  return deps.log.child({
    conversationId: a.conversation?.id,
    activityId: a.id,
    activityType: a.type,
    ...(a.name ? { activityName: a.name } : {}),
  });
}

/** Undefined (and logged) for an activity without tenant or conversation: there is nobody to answer. */
export function beginTurn(deps: TurnDeps, ctx: TurnContext): Turn | undefined {
  const log = turnLogger(deps, ctx);
  const who = identityOf(ctx.activity, deps.fallbackTenantId, deps.localeOverride);
  if (!who) {
    log.warn('activity without tenant or conversation ignored');
    return undefined;
  }
  return { ctx, who, log: log.child({ tenantId: who.tenantId }) };
}

/** The person acting, as Teams reaches them outside this turn (a 1:1 receipt, a later notice). */
export function reachableActor(turn: Turn): { tenantId: string; id: string; name: string; teamsId: string; serviceUrl: string } {
  const a = turn.ctx.activity;
  return { tenantId: turn.who.tenantId, id: turn.who.userId, name: turn.who.userName, teamsId: a.from?.id ?? turn.who.userId, serviceUrl: a.serviceUrl ?? '' };
}

export async function sendCard(ctx: TurnContext, card: CardJson): Promise<void> {
  await ctx.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
}

function crashCard(turn: Turn, error: unknown): CardJson {
  const ref = randomUUID().slice(0, 8);
  turn.log.error({ err: error, ref }, 'handler failed');
  return noticeCard(turn.who.locale, { text: text(turn.who.locale, 'error.unexpected', { ref }), style: 'attention' });
}

/**
 * A message or card action too large to be meant (a paste gone wrong, a forged request) is refused
 * before any other work, with its beginning shown back: nothing else reads it.
 */
function tooLargeCard(turn: Turn): CardJson | undefined {
  const over = oversizeInput(turn.ctx.activity);
  if (!over) return undefined;
  turn.log.warn({ length: over.length }, 'oversized input refused');
  const locale = turn.who.locale;
  const say = text(locale, 'error.inputTooLarge', { length: charCount(locale, over.length), limit: charCount(locale, MAX_FIELD_CHARS), total: charCount(locale, MAX_ACTIVITY_CHARS) });
  return noticeCard(locale, { text: say, style: 'attention', input: over.longest });
}

/** Every card the turn sends as a message is measured once, here, whichever handler built it. */
function measureOutgoing(turn: Turn): void {
  turn.ctx.onSendActivities(async (_ctx, activities, next) => {
    activities.splice(0, activities.length, ...activities.map((a) => fitAttachments(a, turn.who.locale, turn.log)));
    return next();
  });
}

/** For message routes: the handler answers itself; a crash gets a polite card in the chat. */
export function guardMessage(deps: TurnDeps, handler: (turn: Turn) => Promise<void>) {
  return async (ctx: TurnContext): Promise<void> => {
    const turn = beginTurn(deps, ctx);
    if (!turn) return;
    measureOutgoing(turn);
    const tooLarge = tooLargeCard(turn);
    if (tooLarge) return sendCard(ctx, tooLarge);
    try {
      await handler(turn);
    } catch (error) {
      await sendCard(ctx, crashCard(turn, error));
    }
  };
}

/** For card actions: the handler returns the card that replaces the clicked one; a crash returns an error card. */
export function guardInvoke(deps: TurnDeps, handler: (turn: Turn, data: Record<string, unknown>) => Promise<CardJson>) {
  return async (ctx: TurnContext, _state: unknown, data: Record<string, unknown>): Promise<CardJson> => {
    const turn = beginTurn(deps, ctx);
    if (!turn) return noticeCard('da', { text: text('da', 'error.badActionData'), style: 'attention' });
    measureOutgoing(turn);
    const tooLarge = tooLargeCard(turn);
    if (tooLarge) return tooLarge;
    try {
      // A returned card with `refresh` makes teams-ai replace the shared message for everyone; what a
      // card action returns is one person's view (perhaps their sealed bid), so it never carries one.
      const { refresh: _shared, ...ownView } = await handler(turn, data);
      return fitCard(ownView, turn.who.locale, turn.log);
    } catch (error) {
      if (error instanceof ZodError) {
        // A card whose data was made by hand: say so politely, change nothing.
        turn.log.warn({ issues: error.issues }, 'card action with bad data');
        return noticeCard(turn.who.locale, { text: text(turn.who.locale, 'error.badActionData'), style: 'attention' });
      }
      return crashCard(turn, error);
    }
  };
}

/** For events nobody waits on (installation, membership): log and carry on. */
export function guardEvent(deps: TurnDeps, handler: (turn: Turn) => Promise<void>) {
  return async (ctx: TurnContext): Promise<void> => {
    const turn = beginTurn(deps, ctx);
    if (!turn) return;
    try {
      await handler(turn);
    } catch (error) {
      turn.log.error({ err: error }, 'event handler failed');
    }
  };
}
