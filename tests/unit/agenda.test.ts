// The agenda's rules as pure functions: what a topic must hold, the cutoff to the millisecond
// (also when the meeting moved, and across the change to winter time), who may change a topic,
// the final order, handing on a cancelled meeting's topics, and when the shared cards are redrawn.

import { describe, expect, it } from 'vitest';
import {
  addTopic,
  AGENDA_HISTORY_LIMITS,
  agendaOpen,
  CARD_GAP_MS,
  cardsDue,
  editTopic,
  lock,
  markCardsShown,
  moveTopics,
  needsAttention,
  newAgenda,
  orderedTopics,
  rememberCard,
  TOPIC_LIMITS,
  validateTopicInput,
  withdrawTopic,
  type Agenda,
  type TopicFields,
} from '../../src/domain/agenda.js';
import type { Meeting } from '../../src/domain/calendar.js';

const meeting = (start: string, status: Meeting['status'] = 'planned', id = 'dialogmoede-2026-12'): Meeting => ({ id, kind: 'dialogmoede', title: 'Dialogmøde', start, end: start, status });
const december = meeting('2026-12-07T13:00:00.000Z');
const author = (id: string) => ({ id, name: `Person ${id}`, teamsId: `29:${id}`, serviceUrl: 'https://smba.example/' });
const fields: TopicFields = { title: 'Ældre og ensomhed', why: 'Fordi', part: 1 };
const at = (iso: string) => new Date(iso);

function withTopics(...adds: { id: string; by: string; part?: 1 | 2; at: string }[]): Agenda {
  let a = newAgenda('t', december, at('2026-11-30T13:00:00Z'));
  for (const x of adds) {
    const r = addTopic(a, december, { id: x.id, fields: { ...fields, part: x.part ?? 1, title: x.id }, author: author(x.by) }, at(x.at));
    if (!r.ok) throw new Error(r.code);
    a = r.value.agenda;
  }
  return a;
}

describe('validateTopicInput', () => {
  it('takes a title, a why, a part and an optional committee from the list', () => {
    expect(validateTopicInput({ title: ' Skolevejen ', why: 'Trafik', part: '2', committee: 'Teknik' })).toEqual({ ok: true, value: { title: 'Skolevejen', why: 'Trafik', part: 2, committee: 'Teknik' } });
    expect(validateTopicInput({ title: 'A', why: 'B', part: '1', committee: '' })).toEqual({ ok: true, value: { title: 'A', why: 'B', part: 1, committee: undefined } });
  });

  it('reports every problem at its field, with the limits at and over', () => {
    const r = validateTopicInput({ title: '', why: 'x'.repeat(TOPIC_LIMITS.why + 1), part: '3', committee: 'Kulturudvalget' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.details).toEqual([
      { field: 'title', code: 'REQUIRED' },
      { field: 'why', code: 'TOO_LONG', limit: TOPIC_LIMITS.why },
      { field: 'part', code: 'INVALID' },
      { field: 'committee', code: 'UNKNOWN_CHOICE' },
    ]);
    expect(validateTopicInput({ title: 't'.repeat(TOPIC_LIMITS.title), why: 'w'.repeat(TOPIC_LIMITS.why), part: '1' }).ok).toBe(true);
    expect(validateTopicInput({ title: 't', why: 'w' }).ok).toBe(false);
  });
});

describe('the cutoff is the meeting’s start, to the millisecond', () => {
  it('open 1 ms before, closed at the start', () => {
    expect(agendaOpen(undefined, december, at('2026-12-07T12:59:59.999Z'))).toEqual({ ok: true, value: true });
    expect(agendaOpen(undefined, december, at('2026-12-07T13:00:00.000Z'))).toEqual({ ok: false, code: 'AGENDA.LOCKED' });
  });

  it('a moved meeting moves the cutoff; a cancelled one takes nothing; a locked agenda takes nothing even before', () => {
    const moved = { ...december, start: '2026-12-08T09:00:00.000Z', status: 'moved' as const };
    expect(agendaOpen(undefined, moved, at('2026-12-07T13:30:00Z')).ok).toBe(true);
    expect(agendaOpen(undefined, moved, at('2026-12-08T09:00:00Z')).ok).toBe(false);
    expect(agendaOpen(undefined, { ...december, status: 'cancelled' }, at('2026-12-01T00:00:00Z'))).toEqual({ ok: false, code: 'AGENDA.CANCELLED' });
    expect(agendaOpen(lock(newAgenda('t', december, at('2026-12-01T00:00:00Z')), at('2026-12-01T00:00:00Z')), december, at('2026-12-01T00:00:01Z'))).toEqual({ ok: false, code: 'AGENDA.LOCKED' });
  });

  it('holds across the change to winter time: a meeting at 02:30 on 25 October 2026 (the second one) locks at 01:30Z', () => {
    // 02:30 happens twice that night; the calendar gives an instant, and the instant is the cutoff.
    const night = meeting('2026-10-25T01:30:00.000Z');
    expect(agendaOpen(undefined, night, at('2026-10-25T00:30:00.000Z')).ok).toBe(true); // the first 02:30, summer time
    expect(agendaOpen(undefined, night, at('2026-10-25T01:29:59.999Z')).ok).toBe(true);
    expect(agendaOpen(undefined, night, at('2026-10-25T01:30:00.000Z')).ok).toBe(false);
  });
});

describe('adding, editing, withdrawing', () => {
  it('the same id twice is one topic', () => {
    const a = withTopics({ id: 'x', by: 'p1', at: '2026-12-01T10:00:00Z' });
    const again = addTopic(a, december, { id: 'x', fields, author: author('p1') }, at('2026-12-01T10:00:05Z'));
    expect(again.ok && again.value.duplicate).toBe(true);
    expect(again.ok && again.value.agenda).toBe(a);
  });

  it('only the author or an admin changes a topic, and not once it is withdrawn', () => {
    const a = withTopics({ id: 'x', by: 'p1', at: '2026-12-01T10:00:00Z' });
    const now = at('2026-12-02T10:00:00Z');
    expect(editTopic(a, december, 'x', fields, { id: 'p2', admin: false }, now)).toEqual({ ok: false, code: 'TOPIC.NOT_AUTHOR' });
    expect(editTopic(a, december, 'nope', fields, { id: 'p1', admin: false }, now)).toEqual({ ok: false, code: 'TOPIC.NOT_FOUND' });
    const byAdmin = editTopic(a, december, 'x', { ...fields, title: 'Ny titel' }, { id: 'admin', admin: true }, now);
    expect(byAdmin.ok && byAdmin.value.topic.history.at(-1)).toEqual({ at: now.toISOString(), by: 'admin', action: 'edited' });
    const withdrawn = withdrawTopic(a, december, 'x', { id: 'p1', admin: false }, now);
    expect(withdrawn.ok).toBe(true);
    if (!withdrawn.ok) return;
    expect(orderedTopics(withdrawn.value.agenda)).toEqual([]);
    expect(withdrawTopic(withdrawn.value.agenda, december, 'x', { id: 'p1', admin: false }, now)).toEqual({ ok: false, code: 'TOPIC.WITHDRAWN' });
    expect(editTopic(a, december, 'x', fields, { id: 'p1', admin: false }, at('2026-12-07T13:00:00Z'))).toEqual({ ok: false, code: 'AGENDA.LOCKED' });
  });

  it('refuses more than the limit of active topics', () => {
    let a = newAgenda('t', december, at('2026-12-01T00:00:00Z'));
    for (let i = 0; i < TOPIC_LIMITS.topics; i++) {
      const r = addTopic(a, december, { id: `t${i}`, fields, author: author('p') }, at('2026-12-01T00:00:00Z'));
      if (r.ok) a = r.value.agenda;
    }
    expect(addTopic(a, december, { id: 'one-more', fields, author: author('p') }, at('2026-12-01T00:00:00Z'))).toEqual({ ok: false, code: 'AGENDA.FULL' });
  });
});

describe('the final order', () => {
  it('is by part, then by when each topic was added', () => {
    const a = withTopics(
      { id: 'late-part-1', by: 'p1', part: 1, at: '2026-12-03T10:00:00Z' },
      { id: 'early-part-2', by: 'p2', part: 2, at: '2026-12-01T10:00:00Z' },
      { id: 'early-part-1', by: 'p3', part: 1, at: '2026-12-02T10:00:00Z' },
    );
    expect(orderedTopics(a).map((t) => t.id)).toEqual(['early-part-1', 'late-part-1', 'early-part-2']);
  });
});

describe('a cancelled meeting hands its topics on', () => {
  it('once, keeping when each was added, and not twice when repeated', () => {
    const from = withTopics({ id: 'a', by: 'p1', at: '2026-12-01T10:00:00Z' }, { id: 'b', by: 'p2', at: '2026-12-02T10:00:00Z' });
    const january = meeting('2027-01-04T13:00:00.000Z', 'planned', 'dialogmoede-2027-01');
    const later = addTopic(newAgenda('t', january, at('2026-12-01T00:00:00Z')), january, { id: 'c', fields, author: author('p3') }, at('2026-12-01T12:00:00Z'));
    if (!later.ok) throw new Error('setup');
    const now = at('2026-12-03T09:00:00Z');
    const moved = moveTopics(from, later.value.agenda, now);
    expect(moved.moved.map((t) => t.id)).toEqual(['a', 'b']);
    expect(orderedTopics(moved.to).map((t) => t.id)).toEqual(['a', 'c', 'b']);
    expect(moved.to.topics.find((t) => t.id === 'a')!.movedFrom).toBe('dialogmoede-2026-12');
    expect(moved.from).toMatchObject({ status: 'cancelled', movedTo: 'dialogmoede-2027-01' });
    expect(needsAttention(moved.from)).toBe(true); // the authors are still to be told
    expect(needsAttention({ ...moved.from, authorsToldAt: now.toISOString() })).toBe(false);
    const again = moveTopics(from, moved.to, now);
    expect(again.moved).toEqual([]);
    expect(again.to).toBe(moved.to);
  });
});

describe('redrawing the shared cards', () => {
  it('is due when something changed and the last redraw is at least CARD_GAP_MS old', () => {
    const t0 = at('2026-12-01T10:00:00Z');
    let a = rememberCard(newAgenda('t', december, t0), { conversationId: 'c', activityId: '1', stage: 'call' }, t0);
    expect(cardsDue(a, t0)).toBe(false); // nothing changed
    const added = addTopic(a, december, { id: 'x', fields, author: author('p') }, t0);
    if (!added.ok) throw new Error('setup');
    a = added.value.agenda;
    expect(cardsDue(a, t0)).toBe(true);
    a = markCardsShown(a, t0);
    const again = addTopic(a, december, { id: 'y', fields, author: author('p') }, new Date(t0.getTime() + 1000));
    if (!again.ok) throw new Error('setup');
    expect(cardsDue(again.value.agenda, new Date(t0.getTime() + CARD_GAP_MS - 1))).toBe(false);
    expect(cardsDue(again.value.agenda, new Date(t0.getTime() + CARD_GAP_MS))).toBe(true);
  });

  it('an agenda without cards never needs redrawing; an open one needs the scheduler until it locks', () => {
    const a = withTopics({ id: 'x', by: 'p', at: '2026-12-01T10:00:00Z' });
    expect(cardsDue(a, at('2026-12-05T00:00:00Z'))).toBe(false);
    expect(needsAttention(a)).toBe(true);
    expect(needsAttention(markCardsShown(lock(a, at(december.start)), at(december.start)))).toBe(false);
  });
});

describe('an agenda’s size', () => {
  it('stays bounded however many times topics are added and withdrawn (Cosmos DB items stop at 2 MB)', () => {
    const long: TopicFields = { title: 'T'.repeat(TOPIC_LIMITS.title), why: 'W'.repeat(TOPIC_LIMITS.why), part: 2, committee: 'C'.repeat(TOPIC_LIMITS.committee) };
    let a = newAgenda('t', december, at('2026-11-30T13:00:00Z'));
    const sizes: number[] = [];
    for (let i = 0; i < 2500; i++) {
      const now = new Date(at('2026-11-30T13:00:00Z').getTime() + i * 1000);
      const added = addTopic(a, december, { id: `topic-${i}`, fields: long, author: author('p1') }, now);
      if (!added.ok) throw new Error(added.code);
      let b = added.value.agenda;
      for (let e = 0; e < 3; e++) {
        const edited = editTopic(b, december, `topic-${i}`, long, { id: 'p1', admin: false }, now);
        if (!edited.ok) throw new Error(edited.code);
        b = edited.value.agenda;
      }
      const withdrawn = withdrawTopic(b, december, `topic-${i}`, { id: 'p1', admin: false }, now);
      if (!withdrawn.ok) throw new Error(withdrawn.code);
      a = withdrawn.value.agenda;
      if (i === 785 || i === 2499) sizes.push(JSON.stringify(a).length);
    }
    // 785 cycles used to reach 2 MB; now 2,500 cost no more than 785 did, far under the limit.
    expect(sizes[1]).toBeLessThanOrEqual(sizes[0]! + 20_000);
    expect(sizes[1]).toBeLessThan(500_000);
    expect(a.topics.filter((t) => t.status === 'withdrawn')).toHaveLength(AGENDA_HISTORY_LIMITS.withdrawnKept);
    expect(a.withdrawnIds).toHaveLength(AGENDA_HISTORY_LIMITS.withdrawnIds);
    // The newest withdrawn form sent again is recognised; one withdrawn long ago stays withdrawn; nothing is re-added.
    const later = at('2026-12-01T10:00:00Z');
    const recent = addTopic(a, december, { id: 'topic-2499', fields: long, author: author('p1') }, later);
    expect(recent.ok && recent.value.duplicate).toBe(true);
    expect(addTopic(a, december, { id: 'topic-2000', fields: long, author: author('p1') }, later)).toMatchObject({ ok: false, code: 'TOPIC.WITHDRAWN' });
  });

  it('keeps a topic’s first history entry and its latest ones, however often it is edited', () => {
    let a = withTopics({ id: 'x', by: 'p1', at: '2026-12-01T10:00:00Z' });
    for (let i = 0; i < 200; i++) {
      const r = editTopic(a, december, 'x', fields, { id: 'p1', admin: false }, at('2026-12-01T11:00:00Z'));
      if (!r.ok) throw new Error(r.code);
      a = r.value.agenda;
    }
    const history = a.topics[0]!.history;
    expect(history).toHaveLength(AGENDA_HISTORY_LIMITS.historyPerTopic);
    expect(history[0]!.action).toBe('added');
    expect(history.at(-1)!.action).toBe('edited');
  });
});
