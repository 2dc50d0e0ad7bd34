// What the span of an incoming activity may record (issue 14): ids and fixed words only. A command's
// kind, never its words (a topic's title can follow "nyt emne"); a verb only if it looks like one.

import { describe, expect, it } from 'vitest';
import { activityAttributes } from '../../src/adapters/telemetry/activity-attributes.js';

const TENANT = 'de000000-0000-4000-8000-000000000001';

describe('activityAttributes', () => {
  it('records a group-chat command by its kind, without the mention or the words typed after it', () => {
    const a = activityAttributes({
      type: 'message',
      text: '<at>Kerneopgave-bot</at> nyt emne Budget til læsecafé hos Sofie Nielsen',
      from: { id: 'u1', name: 'Sofie Nielsen', aadObjectId: 'x' },
      conversation: { id: '19:x@thread.v2', conversationType: 'groupChat', tenantId: TENANT },
      channelData: { tenant: { id: TENANT } },
    });
    expect(a).toEqual({ 'enduser.tenant_id': TENANT, 'conversation.type': 'groupChat', 'activity.type': 'message', 'activity.name': undefined, 'card.verb': undefined, 'bot.command': 'newTopic' });
    expect(JSON.stringify(a)).not.toMatch(/Sofie|Budget|læsecafé/);
  });

  it('records a card button by its verb, and none of the form values sent with it', () => {
    const a = activityAttributes({
      type: 'invoke',
      name: 'adaptiveCard/action',
      conversation: { conversationType: 'personal' },
      channelData: { tenant: { id: TENANT } },
      value: { action: { type: 'Action.Execute', verb: 'bid.submit', data: { title: 'Læsecafé på biblioteket', email: 'sofie@kommune.dk' } } },
    });
    expect(a).toMatchObject({ 'activity.type': 'invoke', 'activity.name': 'adaptiveCard/action', 'card.verb': 'bid.submit', 'conversation.type': 'personal', 'bot.command': undefined });
    expect(JSON.stringify(a)).not.toMatch(/Læsecafé|sofie@/);
  });

  it('leaves out a "verb" or tenant that is not a plain word (a forged payload cannot write text into the telemetry)', () => {
    const a = activityAttributes({ type: 'invoke', value: { action: { verb: 'Sofie Nielsen har budt' } }, channelData: { tenant: { id: 'a'.repeat(500) } } });
    expect(a['card.verb']).toBeUndefined();
    expect(a['enduser.tenant_id']).toBeUndefined();
    expect(activityAttributes(undefined)).toMatchObject({ 'activity.type': undefined });
  });
});
