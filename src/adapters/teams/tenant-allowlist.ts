// The tenant allowlist: an activity from an Entra tenant the deployment does not serve is answered
// politely where an answer is possible, and goes no further. It runs as teams-ai's first `beforeTurn`
// handler, before any route, so no repository is reached: no conversation record, no directory, no
// outbox item. (The Application has no turn-state storage, so nothing is saved for the turn either.)

import type { Application, TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, MessageFactory, type TurnContext } from 'botbuilder';
import type { Logger } from '../../logger.js';
import { noticeCard } from '../cards/views.js';
import { localeOf, text, type Locale } from '../i18n/text.js';
import { tenantOf } from './activity-info.js';

export interface AllowlistDeps {
  /** Lower-case tenant ids; undefined serves every tenant. */
  readonly allowedTenants?: ReadonlySet<string> | undefined;
  readonly fallbackTenantId?: string | undefined;
  readonly localeOverride?: Locale | undefined;
  readonly log: Logger;
}

/** Whether the deployment serves this tenant. An activity without a tenant is left to the turn guards (which ignore it). */
export function tenantAllowed(allowed: ReadonlySet<string> | undefined, tenantId: string | undefined): boolean {
  return allowed === undefined || tenantId === undefined || allowed.has(tenantId.toLowerCase());
}

async function answerForeign(ctx: TurnContext, locale: Locale): Promise<void> {
  const a = ctx.activity;
  const say = text(locale, 'privacy.foreignTenant');
  if (a.type === ActivityTypes.Message) {
    await ctx.sendActivity(MessageFactory.text(say));
    return;
  }
  if (a.type === ActivityTypes.Invoke) {
    const value =
      a.name === 'adaptiveCard/action'
        ? { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: noticeCard(locale, { text: say, style: 'attention' }) }
        : a.name === 'application/search'
          ? { statusCode: 200, type: 'application/vnd.microsoft.search.searchResponse', value: { results: [] } }
          : undefined;
    await ctx.sendActivity({ type: ActivityTypes.InvokeResponse, value: value ? { status: 200, body: value } : { status: 403 } });
    return;
  }
  // Installed in a chat, a team or someone's 1:1: say once why nothing will happen. Teams also sends a
  // conversationUpdate for the same installation; answering only this one keeps it to one message.
  if (a.type === ActivityTypes.InstallationUpdate && (a.action === 'add' || a.action === 'add-upgrade')) await ctx.sendActivity(MessageFactory.text(say));
}

/** Registers the allowlist as the Application's first beforeTurn handler; a refused turn ends there. */
export function refuseForeignTenants(app: Application<TurnState>, deps: AllowlistDeps): void {
  if (deps.allowedTenants === undefined) return;
  const allowed = deps.allowedTenants;
  app.turn('beforeTurn', async (ctx) => {
    const tenantId = tenantOf(ctx.activity, deps.fallbackTenantId);
    if (tenantAllowed(allowed, tenantId)) return true;
    deps.log.warn({ tenantId, activityType: ctx.activity.type, activityName: ctx.activity.name }, 'activity from a tenant not on ALLOWED_TENANTS refused; nothing stored');
    await answerForeign(ctx, deps.localeOverride ?? localeOf(ctx.activity.locale));
    return false;
  });
}
