// The follow-up reminders an activity is owed (pure): due at 09:00 Copenhagen time on the evaluation date
// in summer and winter time, one to the responsible person and one to the group's chat, ids that make
// scheduling twice create once and a new date new ones; none for a closed activity.

import { describe, expect, it } from 'vitest';
import { followUpNotices, mayRecordFollowUp, mayReadActivity } from '../../src/app/activity-followup.js';
import { activityOf, recordFollowUp, type Activity } from '../../src/domain/activity.js';
import { actorFrom } from '../../src/domain/actor.js';
import { demo, TENANT } from '../support/card-fixtures.js';

const person = (name: string) => demo.people.find((p) => p.name === name)!;
const sofie = person('Sofie Nielsen');
const johan = person('Johan Kristensen');
const NOW = new Date('2027-01-15T10:00:00Z');

function activity(evaluationDate: string): Activity {
  return activityOf(
    {
      id: 'act-1',
      tenantId: TENANT,
      groupId: 'kernegruppe-laering',
      groupName: 'Kernegruppe Læring',
      period: '2027',
      catalogueId: 'cat-1',
      entry: {
        bidId: 'bid-1',
        tenderId: 't-1',
        tenderTitle: 'T',
        bidNumber: 1,
        title: 'Læsecafé',
        bidderId: sofie.id,
        activityId: 'act-1',
        forudsaetninger: [],
        crossCutting: false,
        cost: { oneOffKr: 0, yearlyKr: 0, source: 'none' },
        terms: { responsible: { id: sofie.id, name: sofie.name }, expectedEffect: 'Flere læser', startDate: '2027-01-01', evaluationDate },
        decidedBy: 'kernegruppe',
        state: 'awarded',
        at: NOW.toISOString(),
        by: johan.id,
        byName: johan.name,
      },
    },
    johan.id,
    NOW,
  );
}

describe('followUpNotices', () => {
  it('are due at 09:00 Copenhagen time: 07:00 UTC in summer time, 08:00 UTC in winter time', () => {
    expect(followUpNotices(activity('2027-03-29'), 'chat', NOW).map((n) => n.notBefore)).toEqual(['2027-03-29T07:00:00.000Z', '2027-03-29T07:00:00.000Z']);
    expect(followUpNotices(activity('2027-03-26'), 'chat', NOW)[0]!.notBefore).toBe('2027-03-26T08:00:00.000Z');
    expect(followUpNotices(activity('2027-11-01'), 'chat', NOW)[0]!.notBefore).toBe('2027-11-01T08:00:00.000Z');
  });

  it("go to the responsible person by roster id and to the group's chat; only the person when the group has no chat", () => {
    expect(followUpNotices(activity('2027-03-29'), 'chat', NOW).map((n) => n.to)).toEqual([
      { kind: 'personal', userId: sofie.id },
      { kind: 'conversation', conversationId: 'chat' },
    ]);
    expect(followUpNotices(activity('2027-03-29'), undefined, NOW).map((n) => n.to.kind)).toEqual(['personal']);
  });

  it('have the same ids when scheduled again, new ones for a new date, and none once closed', () => {
    const a = activity('2027-03-29');
    const ids = followUpNotices(a, 'chat', NOW).map((n) => n.id);
    expect(followUpNotices(a, 'chat', new Date('2027-02-01T00:00:00Z')).map((n) => n.id)).toEqual(ids);
    const by = { id: johan.id, name: johan.name };
    const continued = recordFollowUp(a, { outcome: 'continued', note: '', newEffect: 'Mere', newEvaluationDate: '2027-09-01', by }, '2027-03-29', NOW);
    if (!continued.ok) throw new Error(continued.code);
    expect(followUpNotices(continued.value, 'chat', NOW).map((n) => n.id).some((id) => ids.includes(id))).toBe(false);
    const closed = recordFollowUp(a, { outcome: 'closed', note: '', by }, '2027-03-29', NOW);
    if (!closed.ok) throw new Error(closed.code);
    expect(followUpNotices(closed.value, 'chat', NOW)).toEqual([]);
  });
});

describe('who may see and record', () => {
  const actor = (name: string) => actorFrom(demo, TENANT, person(name).id, name);
  it('the responsible person and the group’s managers record; a politician of the group only reads; others neither', () => {
    const a = activity('2027-03-29');
    expect(['Sofie Nielsen', 'Johan Kristensen', 'Hanne Graversen', 'Henrik Dahl'].map((n) => mayRecordFollowUp(actor(n), a))).toEqual([true, true, true, true]);
    expect([mayReadActivity(actor('Mette Holm'), a), mayRecordFollowUp(actor('Mette Holm'), a)]).toEqual([true, false]);
    const outsider = actorFrom(demo, TENANT, 'a1b2c3d4-0000-4000-8000-00000000beef', 'Ulla Udenfor');
    expect([mayReadActivity(outsider, a), mayRecordFollowUp(outsider, a)]).toEqual([false, false]);
  });
});
