// Reads what our use cases need out of a Teams activity: tenant, person, conversation, language.
// The activity's shape is Teams'; nothing past this file needs to know it.

import { TurnContext, type Activity } from 'botbuilder';
import type { ConversationSeen } from '../../app/conversations.js';
import type { ConversationType } from '../../app/ports.js';
import { localeOf, type Locale } from '../i18n/text.js';

interface TeamsChannelData {
  tenant?: { id?: string };
  team?: { id?: string; name?: string; aadGroupId?: string };
  channel?: { id?: string; name?: string };
  eventType?: string;
}

const channelDataOf = (activity: Partial<Activity>): TeamsChannelData => (activity.channelData ?? {}) as TeamsChannelData;

/** The Entra tenant the activity comes from; `fallback` only for local clients that send none. */
export function tenantOf(activity: Partial<Activity>, fallback: string | undefined): string | undefined {
  return activity.conversation?.tenantId ?? channelDataOf(activity).tenant?.id ?? fallback;
}

export function conversationTypeOf(activity: Partial<Activity>): ConversationType {
  const type = activity.conversation?.conversationType;
  if (type === 'channel' || type === 'groupChat' || type === 'personal') return type;
  return activity.conversation?.isGroup ? 'groupChat' : 'personal';
}

export interface TurnIdentity {
  readonly tenantId: string;
  readonly userId: string;
  readonly userName: string;
  readonly locale: Locale;
  readonly conversation: {
    readonly conversationId: string;
    readonly conversationType: ConversationType;
    readonly name?: string | undefined;
  };
}

/**
 * The conversation a message belongs to. A channel message's conversation id names its thread
 * ("19:abc@thread.tacv2;messageid=123"); the channel itself is the part before ";messageid=".
 */
export function conversationIdOf(activity: Partial<Activity>): string | undefined {
  const id = activity.conversation?.id;
  if (!id || conversationTypeOf(activity) !== 'channel') return id;
  return channelDataOf(activity).channel?.id ?? id.split(';messageid=')[0];
}

/** Teams' client language, unless the operator pinned one (for local clients that always send en-US). */
export function identityOf(activity: Partial<Activity>, fallbackTenant: string | undefined, localeOverride?: Locale): TurnIdentity | undefined {
  const tenantId = tenantOf(activity, fallbackTenant);
  const conversationId = conversationIdOf(activity);
  if (!tenantId || !conversationId) return undefined;
  const channelData = channelDataOf(activity);
  const type = conversationTypeOf(activity);
  return {
    tenantId,
    // Teams always sends the Entra object id; a local client without one still gets a stable id.
    userId: (activity.from?.aadObjectId ?? activity.from?.id ?? '').toLowerCase(),
    userName: activity.from?.name ?? '',
    locale: localeOverride ?? localeOf(activity.locale),
    conversation: {
      conversationId,
      conversationType: type,
      name: type === 'channel' ? (channelData.channel?.name ?? activity.conversation?.name) : activity.conversation?.name,
    },
  };
}

/** What the conversation records keep: where to post later, and what to call the place. */
export function conversationSeenOf(activity: Activity, identity: TurnIdentity): ConversationSeen {
  const channelData = channelDataOf(activity);
  const reference = TurnContext.getConversationReference(activity) as unknown as { conversation: { id: string } } & Record<string, unknown>;
  // Later posts go to the channel as new posts, not into the thread this event happened to come from.
  reference.conversation = { ...reference.conversation, id: identity.conversation.conversationId };
  return {
    tenantId: identity.tenantId,
    conversationId: identity.conversation.conversationId,
    conversationType: identity.conversation.conversationType,
    name: identity.conversation.name,
    teamId: channelData.team?.id,
    teamName: channelData.team?.name,
    userId: identity.conversation.conversationType === 'personal' ? identity.userId : undefined,
    reference: JSON.parse(JSON.stringify(reference)) as Record<string, unknown>,
  };
}
