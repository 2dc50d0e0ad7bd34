// What the span of an incoming activity records: the tenant, the kind of conversation, the activity's
// type and name, and which button (card verb) or command it was. Only ids and fixed words: never a
// name, an e-mail address, the text a user typed, or the values of a card's fields.

import type { TelemetryAttributes } from '../../app/ports.js';
import { parseCommand } from '../teams/commands.js';

interface RawActivity {
  type?: unknown;
  name?: unknown;
  text?: unknown;
  conversation?: { conversationType?: unknown; tenantId?: unknown };
  channelData?: { tenant?: { id?: unknown } };
  value?: { action?: { verb?: unknown }; verb?: unknown; data?: { verb?: unknown } };
}

const word = (v: unknown): string | undefined => (typeof v === 'string' && /^[\w.:/-]{1,100}$/.test(v) ? v : undefined);

export function activityAttributes(body: unknown): TelemetryAttributes {
  const a = (body && typeof body === 'object' ? body : {}) as RawActivity;
  const type = word(a.type);
  const value = a.value && typeof a.value === 'object' ? a.value : {};
  const verb = word(value.action?.verb) ?? word(value.verb) ?? word(value.data?.verb);
  // The command's kind ("tenders", "newTopic", "unknown"), never its words: a topic's title can follow it.
  const command = type === 'message' && typeof a.text === 'string' ? parseCommand(a.text.replace(/<at>.*?<\/at>/g, ' ')).kind : undefined;
  return {
    'enduser.tenant_id': word(a.channelData?.tenant?.id) ?? word(a.conversation?.tenantId),
    'conversation.type': word(a.conversation?.conversationType),
    'activity.type': type,
    'activity.name': word(a.name),
    'card.verb': verb,
    'bot.command': command,
  };
}
