// The retention sweep: for each tenant whose calendar file sets `retention`, deletes the tenders that
// ended (closed or cancelled) more than `tenderMonths` ago with their bids, evaluations and tally, and
// the agendas of dialogmøder held more than `agendaMonths` ago. A tender's own item goes last, so a run
// cut short is finished by the next (it finds the tender again, and what is left of its items).
// Nothing is deleted where the setting is unset: keeping is the default.
//
// Cost per tenant and run: one point read of the calendar settings, then per kind at most one TOP query
// of ids and, per tender found, TOP queries of its items until none is left, and one delete per item.

import { retentionCutoff } from '../domain/retention.js';
import type { Logger } from '../logger.js';
import type { CalendarRepository, Clock, DirectoryRepository, RetentionRepository } from './ports.js';

export interface RetentionDeps {
  readonly retention: RetentionRepository;
  readonly calendars: CalendarRepository;
  readonly directories: Pick<DirectoryRepository, 'tenantIds'>;
  readonly clock: Clock;
  readonly log: Logger;
}

/** Tenders and agendas deleted per tenant per run; the next run takes the next batch. */
export const RETENTION_BATCH = 20;
/** A tender's items read per query. */
export const RETENTION_ITEMS_PAGE = 100;

export interface RetentionReport {
  tenders: number;
  tenderItems: number;
  agendas: number;
}

export async function sweepRetention(deps: RetentionDeps): Promise<RetentionReport> {
  const report: RetentionReport = { tenders: 0, tenderItems: 0, agendas: 0 };
  const now = deps.clock.now();
  for (const tenantId of await deps.directories.tenantIds()) {
    const retention = (await deps.calendars.get(tenantId))?.value.retention;
    if (!retention) continue;
    if (retention.tenderMonths) {
      for (const tenderId of await deps.retention.endedTenders(tenantId, retentionCutoff(now, retention.tenderMonths), RETENTION_BATCH)) {
        for (let items = await deps.retention.itemsOfTender(tenantId, tenderId, RETENTION_ITEMS_PAGE); items.length > 0; items = await deps.retention.itemsOfTender(tenantId, tenderId, RETENTION_ITEMS_PAGE)) {
          for (const item of items) await deps.retention.deleteItem('tenders', tenantId, item.id);
          report.tenderItems += items.length;
        }
        await deps.retention.deleteItem('tenders', tenantId, tenderId);
        report.tenders++;
        deps.log.info({ tenantId, tenderId }, 'tender past its retention deleted');
      }
    }
    if (retention.agendaMonths) {
      for (const id of await deps.retention.heldAgendas(tenantId, retentionCutoff(now, retention.agendaMonths), RETENTION_BATCH)) {
        await deps.retention.deleteItem('agendas', tenantId, id);
        report.agendas++;
        deps.log.info({ tenantId, agendaId: id }, 'agenda past its retention deleted');
      }
    }
  }
  return report;
}
