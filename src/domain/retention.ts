// How long ended tenders and held dialogmøder are kept: a per-tenant setting (the calendar file's
// `retention`), unset by default, since each municipality decides its own retention and journaling
// duties (arkivlov, journaliseringspligt) and the bot must not decide them for it.

export interface Retention {
  /** Months after a tender ended (closed at its deadline, or cancelled) before it is deleted with its bids. */
  readonly tenderMonths?: number | undefined;
  /** Months after a dialogmøde was held before its agenda (with its topics) is deleted. */
  readonly agendaMonths?: number | undefined;
}

export const MAX_RETENTION_MONTHS = 1200;

/**
 * The instant before which what ended is past its retention: `months` calendar months before `now`
 * (UTC; a day of the month the earlier month lacks falls back to that month's last day), so a tender
 * that ended on 7 December 2026 with 12 months' retention goes on 7 December 2027.
 */
export function retentionCutoff(now: Date, months: number): Date {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth() - months;
  const target = new Date(Date.UTC(y, m, 1, now.getUTCHours(), now.getUTCMinutes(), now.getUTCSeconds(), now.getUTCMilliseconds()));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(now.getUTCDate(), lastDay));
  return target;
}
