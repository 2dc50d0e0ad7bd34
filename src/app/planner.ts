// The planner loop's pass over every tenant: plan the reminders, then warn the admins about meetings
// on a public holiday. A tenant whose roster, calendar and day are as this instance last planned them
// costs its two point reads and nothing else.

import { warnAboutHolidays, type CalendarDeps } from './calendar-admin.js';
import { planReminders, type ReminderDeps } from './reminders.js';
import { sizeMonthCache } from '../domain/calendar.js';

export async function planAllTenants(deps: ReminderDeps & CalendarDeps): Promise<{ tenants: number; created: number; moved: number; warned: number }> {
  const tenantIds = await deps.directories.tenantIds();
  // Every tenant's months then stay in the month memo from one request to the next.
  sizeMonthCache(tenantIds.length);
  const report = { tenants: tenantIds.length, created: 0, moved: 0, warned: 0 };
  for (const tenantId of tenantIds) {
    const planned = await planReminders(deps, tenantId);
    report.created += planned.created;
    report.moved += planned.moved;
    // Unchanged roster, calendar and day: no meeting can have become a new holiday warning either.
    if (planned.directory && !planned.unchanged) report.warned += await warnAboutHolidays(deps, tenantId, planned.directory);
  }
  return report;
}
