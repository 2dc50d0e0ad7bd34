// Installation and membership events: record where the bot may post, and that it was removed.
// A welcome goes out only the first time, since Teams (and the local playground) resend these events.

import { ActivityTypes, type TurnContext } from 'botbuilder';
import { recordConversationAdded, recordConversationRemoved, type ConversationDeps } from '../../app/conversations.js';
import { text, type TextKey } from '../i18n/text.js';
import { escapeMarkdown } from '../cards/render-card.js';
import type { DirectoryRepository } from '../../app/ports.js';
import { groupOfConversation, linkOf } from '../../domain/directory.js';
import { conversationSeenOf } from './activity-info.js';
import type { Turn } from './turn.js';

/** 'added' / 'removed' when this activity says the bot itself came or went; undefined otherwise. */
export function botMembershipChange(ctx: TurnContext): 'added' | 'removed' | undefined {
  const a = ctx.activity;
  if (a.type === ActivityTypes.InstallationUpdate) {
    if (a.action === 'add' || a.action === 'add-upgrade') return 'added';
    if (a.action === 'remove' || a.action === 'remove-upgrade') return 'removed';
    return undefined;
  }
  if (a.type === ActivityTypes.ConversationUpdate) {
    const botId = a.recipient?.id;
    const eventType = (a.channelData as { eventType?: string } | undefined)?.eventType;
    if (eventType === 'teamDeleted' || eventType === 'teamHardDeleted') return 'removed';
    if (a.membersRemoved?.some((m) => m.id === botId)) return 'removed';
    if (a.membersAdded?.some((m) => m.id === botId)) return 'added';
  }
  return undefined;
}

export async function onConversationEvent(deps: ConversationDeps & { readonly directories: DirectoryRepository }, turn: Turn): Promise<void> {
  const change = botMembershipChange(turn.ctx);
  if (!change) return;
  const seen = conversationSeenOf(turn.ctx.activity, turn.who);
  if (change === 'removed') {
    await recordConversationRemoved(deps, seen);
    turn.log.info({ conversationType: seen.conversationType }, 'bot removed from conversation');
    return;
  }
  const { isNew } = await recordConversationAdded(deps, seen);
  turn.log.info({ conversationType: seen.conversationType, isNew }, 'bot added to conversation');
  if (!isNew) return;
  if (seen.conversationType === 'personal') return void (await turn.ctx.sendActivity(text(turn.who.locale, 'welcome.personal')));
  // A chat the roster already links to a group (the Byråd's, a kernegruppe's), or a channel that already
  // announces tenders (the demo's General), is told what it is, not asked to be linked.
  const directory = (await deps.directories.get(turn.who.tenantId))?.value;
  const group = directory ? groupOfConversation(directory, seen.conversationId) : undefined;
  const announces = directory ? (linkOf(directory, seen.conversationId)?.announcement ?? false) : false;
  const say = (key: TextKey, params?: Record<string, string>) => text(turn.who.locale, key, params);
  // A text message is markdown too: the group's name is escaped like any name on a card.
  const welcome = group
    ? [say('welcome.linked', { group: escapeMarkdown(group.name) }), announces ? say('welcome.alsoAnnouncement') : ''].filter(Boolean).join(' ')
    : say(announces ? 'welcome.announcement' : 'welcome.group');
  await turn.ctx.sendActivity(welcome);
}
