// The teams-ai Application and its routes: which activity goes to which handler. Handlers live in
// their own files; this file only wires them, with a guard around each.

import { Application, TurnState, type TeamsAdapter } from '@microsoft/teams-ai';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Clock, ConversationRepository, DirectoryRepository } from '../../app/ports.js';
import type { Logger } from '../../logger.js';
import { noticeCard } from '../cards/views.js';
import { text, type Locale } from '../i18n/text.js';
import { parseCommand } from './commands.js';
import { botMembershipChange, onConversationEvent } from './conversation-events.js';
import { announceHere, linkHere, showHelp, showLinks, showProfile, unlinkHere } from './directory-handlers.js';
import { guardEvent, guardInvoke, guardMessage, sendCard, type Turn } from './turn.js';

export interface BotDeps {
  readonly directories: DirectoryRepository;
  readonly conversations: ConversationRepository;
  readonly clock: Clock;
  readonly log: Logger;
  /** Tenant for activities that carry none; local development only. */
  readonly fallbackTenantId?: string | undefined;
  /** Answer in this language whatever the client says (local clients that always send en-US). */
  readonly localeOverride?: Locale | undefined;
  /** Needed for proactive messages; tests that drive app.run() directly may leave it out. */
  readonly adapter?: TeamsAdapter | undefined;
  readonly botAppId?: string | undefined;
}

export const Verb = {
  Profile: 'help.profile',
  Link: 'admin.link',
  AnnouncementOn: 'admin.announcement.on',
  AnnouncementOff: 'admin.announcement.off',
  Links: 'admin.links',
} as const;

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
    case 'unknown':
      // A message without text is a press on an old Action.Submit button: say so rather than "I did not understand ''".
      if (command.text === '' && turn.ctx.activity.value !== undefined)
        return sendCard(turn.ctx, noticeCard(turn.who.locale, { text: text(turn.who.locale, 'error.unknownAction'), style: 'attention' }));
      return sendCard(turn.ctx, await showHelp(deps, turn, command.text));
  }
}

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
