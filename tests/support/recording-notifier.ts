// For TestAdapter tests, which have no connector to post through: records what the bot would tell
// people outside the turn. Flows that depend on real delivery run over HTTP with the recording connector.

import type { ConversationRecord, Delivery, Notice, Notifier, PersonAddress } from '../../src/app/ports.js';

export interface SentNotice {
  readonly how: 'post' | 'update' | 'toPerson';
  readonly to: string;
  readonly notice: Notice;
}

export class RecordingNotifier implements Notifier {
  readonly sent: SentNotice[] = [];
  private next = 1;

  async post(conversation: ConversationRecord, notice: Notice): Promise<Delivery> {
    this.sent.push({ how: 'post', to: conversation.conversationId, notice });
    return { ok: true, activityId: `notice-${this.next++}` };
  }

  async update(conversation: ConversationRecord, _activityId: string, notice: Notice): Promise<Delivery> {
    this.sent.push({ how: 'update', to: conversation.conversationId, notice });
    return { ok: true, activityId: _activityId };
  }

  async toPerson(person: PersonAddress, notice: Notice): Promise<Delivery> {
    this.sent.push({ how: 'toPerson', to: person.userId, notice });
    return { ok: true, activityId: `notice-${this.next++}` };
  }
}
