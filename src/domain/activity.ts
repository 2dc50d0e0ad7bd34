// An activity: what an award (or the Byråd's approval of an indstilling) makes of a bid. Seed 003: "Hvis
// man "vinder" får man fremover ansvaret (økonomi, personale mv.) for at løse disse specifikke
// forudsætninger." Seed 004: "aktiviteten skal have en afslutning, når den opsatte effekt er nået": each
// activity has an expected effect, a start and an evaluation date, and at that date its outcome is
// recorded: still running, effect reached and closed, or continued with a new effect.

import { fail, ok, type Result } from './result.js';
import type { AuditEntry } from './tender.js';
import type { CatalogueEntry, Cost, PersonRef } from './catalogue.js';
import { noSuchDate } from './time.js';

export const ACTIVITY_LIMITS = { effect: 1000, note: 2000 } as const;

/** What the group's list of activities shows of each (a projection: never its history or follow-ups). */
export interface ActivitySummary {
  readonly id: string;
  readonly title: string;
  readonly status: ActivityStatus;
  readonly evaluationDate: string;
  readonly responsible: PersonRef;
}

export type ActivityStatus = 'running' | 'closed';

export type FollowUpOutcome = 'running' | 'closed' | 'continued';

export interface FollowUp {
  readonly at: string;
  readonly by: string;
  readonly byName: string;
  readonly outcome: FollowUpOutcome;
  readonly note: string;
  /** 'continued': the new effect and when it is looked at again. */
  readonly newEffect?: string | undefined;
  readonly newEvaluationDate?: string | undefined;
}

export interface Activity {
  readonly id: string;
  readonly tenantId: string;
  readonly groupId: string;
  readonly groupName: string;
  readonly period: string;
  readonly catalogueId: string;
  readonly bidId: string;
  readonly tenderId: string;
  readonly title: string;
  readonly forudsaetninger: readonly string[];
  readonly crossCutting: boolean;
  readonly cost: Cost;
  readonly bidderId: string;
  readonly responsible: PersonRef;
  readonly expectedEffect: string;
  /** yyyy-mm-dd (Copenhagen). */
  readonly startDate: string;
  readonly evaluationDate: string;
  readonly status: ActivityStatus;
  readonly followUps: readonly FollowUp[];
  readonly history: readonly AuditEntry[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The activity an entry of the catalogue makes (awarded, or approved by the Byråd). */
export function activityOf(v: { id: string; tenantId: string; groupId: string; groupName: string; period: string; catalogueId: string; entry: CatalogueEntry }, by: string, now: Date): Activity {
  const at = now.toISOString();
  const e = v.entry;
  return {
    id: v.id,
    tenantId: v.tenantId,
    groupId: v.groupId,
    groupName: v.groupName,
    period: v.period,
    catalogueId: v.catalogueId,
    bidId: e.bidId,
    tenderId: e.tenderId,
    title: e.title,
    forudsaetninger: e.forudsaetninger,
    crossCutting: e.crossCutting,
    cost: e.cost,
    bidderId: e.bidderId,
    responsible: e.terms.responsible,
    expectedEffect: e.terms.expectedEffect,
    startDate: e.terms.startDate,
    evaluationDate: e.terms.evaluationDate,
    status: 'running',
    followUps: [],
    history: [{ at, by, action: 'created', to: 'running', note: e.decidedBy === 'byraad' ? 'byraad' : 'kernegruppe' }],
    createdAt: at,
    updatedAt: at,
  };
}

export type FollowUpError = 'ACTIVITY.CLOSED' | 'ACTIVITY.NOTE_TOO_LONG' | 'ACTIVITY.EFFECT_REQUIRED' | 'ACTIVITY.EFFECT_TOO_LONG' | 'ACTIVITY.DATE_INVALID';

/** Records the outcome at (or after) the evaluation date; a continued activity gets a new effect and evaluation date. */
export function recordFollowUp(
  a: Activity,
  f: { outcome: FollowUpOutcome; note: string; newEffect?: string | undefined; newEvaluationDate?: string | undefined; by: PersonRef },
  today: string,
  now: Date,
): Result<Activity, FollowUpError> {
  if (a.status === 'closed') return fail('ACTIVITY.CLOSED');
  const note = f.note.trim();
  if (note.length > ACTIVITY_LIMITS.note) return fail('ACTIVITY.NOTE_TOO_LONG');
  const at = now.toISOString();
  const entry: FollowUp = { at, by: f.by.id, byName: f.by.name, outcome: f.outcome, note };
  if (f.outcome === 'continued') {
    const effect = f.newEffect?.trim() ?? '';
    if (effect === '') return fail('ACTIVITY.EFFECT_REQUIRED');
    if (effect.length > ACTIVITY_LIMITS.effect) return fail('ACTIVITY.EFFECT_TOO_LONG');
    const date = f.newEvaluationDate ?? '';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || noSuchDate(date) || date <= today) return fail('ACTIVITY.DATE_INVALID');
    return ok({
      ...a,
      expectedEffect: effect,
      evaluationDate: date,
      followUps: [...a.followUps, { ...entry, newEffect: effect, newEvaluationDate: date }],
      updatedAt: at,
      history: [...a.history, { at, by: f.by.id, action: 'continued', from: 'running', to: 'running', note: [effect, note].filter(Boolean).join(' · ') }],
    });
  }
  const status: ActivityStatus = f.outcome === 'closed' ? 'closed' : 'running';
  return ok({ ...a, status, followUps: [...a.followUps, entry], updatedAt: at, history: [...a.history, { at, by: f.by.id, action: `followup.${f.outcome}`, from: 'running', to: status, ...(note ? { note } : {}) }] });
}
