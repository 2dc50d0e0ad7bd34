// Teams-shaped activities as Teams sends them: tenant in conversation and channelData, the user's
// Entra object id, team and channel data for channels, an @mention of the bot in group conversations.

import type { Activity } from 'botbuilder';
import type { Conversation, Persona } from './demo.js';
import { DEMO_TENANT } from './demo.js';

export const BOT = { id: '28:kerneopgave-bot', name: 'Kerneopgave-bot' };
let next = 1;

function base(from: Persona, conv: Conversation, tenantId = DEMO_TENANT, locale = 'da-DK'): Partial<Activity> {
  const team = conv.conversationType === 'channel' ? { team: { id: '19:demo-team@thread.tacv2', name: 'Demo Kommune' }, channel: { id: conv.id, name: conv.name } } : {};
  return {
    id: `act-${next++}`,
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    locale,
    from: { id: `29:${from.id}`, name: from.name, aadObjectId: from.id },
    recipient: { id: BOT.id, name: BOT.name },
    conversation: { id: conv.id, conversationType: conv.conversationType, tenantId, isGroup: conv.conversationType !== 'personal', name: conv.name } as Activity['conversation'],
    channelData: { tenant: { id: tenantId }, ...team },
  };
}

export interface Options {
  tenantId?: string;
  locale?: string;
}

/** In a channel, Teams names a message's conversation by its thread: "<channel id>;messageid=<post id>". */
function inThread(activity: Partial<Activity>, conv: Conversation): Partial<Activity> {
  if (conv.conversationType !== 'channel') return activity;
  return { ...activity, conversation: { ...activity.conversation!, id: `${conv.id};messageid=17954${next++}` } };
}

export function message(from: Persona, conv: Conversation, text: string, opts: Options = {}): Partial<Activity> {
  const group = conv.conversationType !== 'personal';
  return {
    ...inThread(base(from, conv, opts.tenantId, opts.locale), conv),
    type: 'message',
    text: group ? `<at>${BOT.name}</at> ${text}` : text,
    entities: group ? [{ type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: { id: BOT.id, name: BOT.name } }] : [],
  };
}

export function cardAction(from: Persona, conv: Conversation, verb: string | undefined, data: Record<string, unknown> = {}, opts: Options & { actionType?: string } = {}): Partial<Activity> {
  return {
    ...inThread(base(from, conv, opts.tenantId, opts.locale), conv),
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: opts.actionType ?? 'Action.Execute', ...(verb === undefined ? {} : { verb }), data }, trigger: 'manual' },
  };
}

export function installation(from: Persona, conv: Conversation, action: 'add' | 'remove', opts: Options = {}): Partial<Activity> {
  return { ...base(from, conv, opts.tenantId, opts.locale), type: 'installationUpdate', action };
}

export function botAdded(from: Persona, conv: Conversation, opts: Options = {}): Partial<Activity> {
  return { ...base(from, conv, opts.tenantId, opts.locale), type: 'conversationUpdate', membersAdded: [{ id: BOT.id, name: BOT.name }] };
}

export function botRemoved(from: Persona, conv: Conversation, opts: Options = {}): Partial<Activity> {
  return { ...base(from, conv, opts.tenantId, opts.locale), type: 'conversationUpdate', membersRemoved: [{ id: BOT.id, name: BOT.name }] };
}
