// A tenant's meetings as the calendar has them now: its settings (or the defaults) and the plan with
// the admin's exceptions applied. Shared by the reminders, the calendar commands and the agenda.

import { DEFAULT_CALENDAR, meetingsBetween, type Meeting } from '../domain/calendar.js';
import type { Directory } from '../domain/directory.js';
import type { CalendarRepository, CalendarSettings } from './ports.js';

export function settingsOf(tenantId: string, stored: CalendarSettings | undefined): CalendarSettings {
  return stored ?? { tenantId, config: DEFAULT_CALENDAR, overrides: [], warned: [] };
}

export function kernegrupperOf(dir: Directory) {
  return dir.groups.filter((g) => g.kind === 'kernegruppe').map((g) => ({ id: g.id, name: g.name }));
}

export async function tenantMeetings(deps: { readonly calendars: CalendarRepository }, dir: Directory, from: Date, to: Date): Promise<{ meetings: Meeting[]; settings: CalendarSettings }> {
  const settings = settingsOf(dir.tenantId, (await deps.calendars.get(dir.tenantId))?.value);
  return { meetings: meetingsBetween(from, to, settings.config, kernegrupperOf(dir), settings.overrides), settings };
}
