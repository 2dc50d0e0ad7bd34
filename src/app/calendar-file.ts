// Reads a calendar file (YAML or JSON): the week rule, months off, each meeting's slot, each
// kernegruppe's slot, the reminder lead times, and single-meeting exceptions (move, cancel, add).
// Problems come back with file line, column and field, in Danish; nothing is written here.

import { MAX_RETENTION_MONTHS, type Retention } from '../domain/retention.js';
import { z } from 'zod';
import { DEFAULT_CALENDAR, DEFAULT_SEASON, MEETING_KINDS, type CalendarConfig, type MeetingKind, type Season, type Slot } from '../domain/calendar.js';
import { dialogmoedeRules, HOUR, reminderRule, type ReminderConfig, type ReminderRule } from '../domain/reminders.js';
import { instantFromLocal } from '../domain/time.js';
import { parseYamlFile, positionOf, type RosterProblem } from './roster-file.js';
import { RecipientsFileSchema, recipientsOfFile, type NamedRecipient } from './meeting-recipients-file.js';
import type { MeetingRecipients } from '../domain/meeting-recipients.js';

const WEEKDAYS = ['mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag', 'søndag'];
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'skal være et klokkeslæt som 14:00');
const weekday = z.union([z.number().int().min(1).max(7), z.string().transform((s, ctx) => {
  const i = WEEKDAYS.indexOf(s.trim().toLowerCase());
  if (i < 0) ctx.addIssue({ code: 'custom', message: `skal være en ugedag (${WEEKDAYS.join(', ')}) eller 1-7` });
  return i + 1;
})]);
const SlotSchema = z.object({ week: z.number().int().min(1).max(4), weekday, start: time, end: time }).strict();
const month = z.number({ invalid_type_error: 'skal være et månedsnummer 1-12' }).int('skal være et månedsnummer 1-12').min(1, 'skal være et månedsnummer 1-12').max(12, 'skal være et månedsnummer 1-12');
/**
 * A kernegruppe's entry: its slot (the four fields of a slot; those left out are the default's, so
 * the bare slots of older files still read) and its season, the months it meets or a number of
 * fixed meetings a year (seed 002: "to-fire gange om året"), never both.
 */
const KernegruppeSchema = z
  .object({
    week: z.number().int().min(1).max(4).optional(),
    weekday: weekday.optional(),
    start: time.optional(),
    end: time.optional(),
    months: z.array(month).max(12).optional(),
    perYear: z.number({ invalid_type_error: 'skal være et antal møder om året, 1-12' }).int('skal være et helt antal møder om året, 1-12').min(1, 'skal være mindst 1 møde om året').max(12, 'kan højst være 12 møder om året').optional(),
  })
  .strict()
  .superRefine((e, ctx) => {
    if (e.months && e.perYear !== undefined) ctx.addIssue({ code: 'custom', path: ['perYear'], message: 'skriv enten months (månederne gruppen mødes) eller perYear (antal møder om året), ikke begge' });
  });
/** Most meetings have one slot a month; Kommuneledelsen may meet more often, so its slot may be a list (at most 4). */
const SlotOrSlots = z.unknown().transform((v, ctx) => {
  const parsed = (Array.isArray(v) ? z.array(SlotSchema).min(1, 'skal have mindst ét møde').max(4, 'højst 4 møder om måneden') : SlotSchema).safeParse(v);
  if (parsed.success) return parsed.data as Slot | Slot[];
  for (const issue of parsed.error.issues) ctx.addIssue(issue);
  return z.NEVER;
});
const localTime = z.string().regex(/^\d{4}-\d{2}-\d{2} \d{1,2}:\d{2}$/, 'skal være dato og klokkeslæt som 2026-12-16 17:00');
const kind = z.enum(MEETING_KINDS as [MeetingKind, ...MeetingKind[]], { errorMap: () => ({ message: `skal være en af ${MEETING_KINDS.join(', ')}` }) });
const days = z.array(z.number().min(0).max(60)).max(5);
const hours = z.array(z.number().min(0).max(72)).max(5);

const ExceptionSchema = z.union([
  z.object({ move: z.string().min(1), to: localTime }).strict(),
  z.object({ cancel: z.string().min(1), reason: z.string().max(500).optional() }).strict(),
  z.object({ add: kind, title: z.string().min(1).max(200), at: localTime, hours: z.number().positive().max(12).default(2) }).strict(),
]);

export const CalendarFileSchema = z
  .object({
    tenantId: z.string().regex(/^[0-9a-f-]{36}$/i, 'skal være et tenant-id (GUID)').optional(),
    weekRule: z.enum(['first-monday', 'month-days'], { errorMap: () => ({ message: 'skal være first-monday eller month-days' }) }).optional(),
    monthsOff: z.array(z.number().int().min(1).max(12)).optional(),
    slots: z.record(kind, SlotOrSlots).optional(),
    kernegrupper: z.record(z.string(), KernegruppeSchema).optional(),
    temamoedeReplacedIn: z.array(z.number().int().min(1).max(12)).optional(),
    reminders: z
      .object({
        byraadsmoede: days.optional(),
        pitstop: days.optional(),
        konsulentmoede: days.optional(),
        kernegruppemoede: days.optional(),
        dialogmoede: days.optional(),
        kommuneledelse: days.optional(),
        dialogmoedeLastCallHours: hours.optional(),
        lateWindowHours: z.number().min(0).max(72).optional(),
      })
      .strict()
      .optional(),
    agenda: z.object({ chefsMayAddTopics: z.boolean() }).strict().optional(),
    // How long ended tenders and held dialogmøder are kept (domain/retention.ts); left out: for ever.
    retention: z
      .object({
        tenderMonths: z.number().int().min(1).max(MAX_RETENTION_MONTHS).optional(),
        agendaMonths: z.number().int().min(1).max(MAX_RETENTION_MONTHS).optional(),
      })
      .strict()
      .optional(),
    recipients: RecipientsFileSchema.optional(),
    exceptions: z.array(ExceptionSchema).optional(),
  })
  .strict();

export type CalendarException =
  | { readonly action: 'move'; readonly meetingId: string; readonly date: string; readonly time: string }
  | { readonly action: 'cancel'; readonly meetingId: string; readonly reason: string }
  | { readonly action: 'add'; readonly kind: MeetingKind; readonly title: string; readonly date: string; readonly time: string; readonly hours: number };

export interface CalendarFile {
  readonly tenantId?: string | undefined;
  readonly config: CalendarConfig;
  readonly reminders: ReminderConfig;
  /** Left out: the tenant keeps what it had (by default only politicians add topics). */
  readonly agenda?: { readonly chefsMayAddTopics: boolean } | undefined;
  /** Left out: the tenant keeps what it had (by default everything, for ever). */
  readonly retention?: Retention | undefined;
  /** Who is reminded of a pitstop and a konsulentmøde (the defaults where the file says nothing). */
  readonly recipients?: MeetingRecipients | undefined;
  /** The people the `recipients` section names, with their lines: the import checks them against the roster. */
  readonly namedRecipients?: readonly NamedRecipient[] | undefined;
  readonly exceptions: readonly CalendarException[];
}

const split = (at: string) => {
  const [date, t] = at.split(' ') as [string, string];
  return { date, time: t.padStart(5, '0') };
};

function rules(kind: MeetingKind, list: readonly number[], audience: ReminderRule['audience']): ReminderRule[] {
  return list.map((lead) => reminderRule(kind, lead, 'd', audience));
}

export function parseCalendarFile(source: string, defaults: { reminders: ReminderConfig }): { ok: true; file: CalendarFile } | { ok: false; problems: RosterProblem[] } {
  const parsed = parseYamlFile(source, CalendarFileSchema);
  if (!parsed.ok) return parsed;
  const { data: f, doc, lines } = parsed;
  const problems: RosterProblem[] = [];
  (f.exceptions ?? []).forEach((e, i) => {
    const at = 'to' in e ? e.to : 'at' in e ? e.at : undefined;
    if (at) {
      const { date, time: t } = split(at);
      if (!instantFromLocal(date, t).ok) problems.push({ ...positionOf(doc, lines, ['exceptions', i]), field: `exceptions[${i}]`, message: `${at} findes ikke på uret i København` });
    }
  });
  // Seed 001: "Arbejdet i kernegrupperne diskuteres ½ time på hvert møde i Kommuneledelsen": its slots, when the file gives them.
  const { kommuneledelse: kommuneledelseSlots, ...fileSlots } = f.slots ?? {};
  for (const [k, v] of Object.entries(fileSlots))
    if (Array.isArray(v)) problems.push({ ...positionOf(doc, lines, ['slots', k]), field: `slots.${k}`, message: 'kun kommuneledelse kan have flere møder om måneden; skriv ét tidspunkt' });
  if (problems.length > 0) return { ok: false, problems };
  const slots = { ...DEFAULT_CALENDAR.slots, ...fileSlots } as CalendarConfig['slots'];
  const { default: defaultEntry, ...groupEntries } = f.kernegrupper ?? {};
  // Seed 000: the groups meet "forud for hvert Byrådsmøde ... kl. 15-17": on the byrådsmøde's day, wherever the file puts it.
  const byraadDay: Slot = { ...DEFAULT_CALENDAR.kernegruppeDefault, week: slots.byraadsmoede.week, weekday: slots.byraadsmoede.weekday };
  type Entry = NonNullable<typeof defaultEntry>;
  const slotOf = (e: Entry, base: Slot): Slot => ({ week: (e.week ?? base.week) as Slot['week'], weekday: (e.weekday ?? base.weekday) as Slot['weekday'], start: e.start ?? base.start, end: e.end ?? base.end });
  const seasonOfEntry = (e: Entry): Season | undefined => (e.months ? { months: e.months } : e.perYear !== undefined ? { perYear: e.perYear } : undefined);
  const kernegruppeDefault = defaultEntry ? slotOf(defaultEntry, byraadDay) : byraadDay;
  const hasSlot = (e: Entry) => e.week !== undefined || e.weekday !== undefined || e.start !== undefined || e.end !== undefined;
  const kernegruppeSlots = Object.fromEntries(Object.entries(groupEntries).filter(([, e]) => hasSlot(e)).map(([id, e]) => [id, slotOf(e, kernegruppeDefault)]));
  const kernegruppeSeasons = Object.fromEntries(Object.entries(groupEntries).flatMap(([id, e]) => { const season = seasonOfEntry(e); return season ? [[id, season]] : []; }));
  const r = f.reminders ?? {};
  const byDefault = (kind: MeetingKind) => defaults.reminders.rules.filter((x) => x.meetingKind === kind);
  const { recipients, named } = recipientsOfFile(f.recipients, doc, lines);
  return {
    ok: true,
    file: {
      tenantId: f.tenantId?.toLowerCase(),
      config: {
        weekRule: f.weekRule ?? DEFAULT_CALENDAR.weekRule,
        monthsOff: f.monthsOff ?? DEFAULT_CALENDAR.monthsOff,
        slots,
        kernegruppeDefault,
        kernegruppeSlots,
        temamoedeReplacedIn: f.temamoedeReplacedIn ?? DEFAULT_CALENDAR.temamoedeReplacedIn,
        // Nothing said: February to May (DEFAULT_SEASON, the seeds' season).
        kernegruppeSeason: (defaultEntry && seasonOfEntry(defaultEntry)) ?? DEFAULT_SEASON,
        kernegruppeSeasons,
        ...(kommuneledelseSlots ? { kommuneledelseSlots: Array.isArray(kommuneledelseSlots) ? kommuneledelseSlots : [kommuneledelseSlots] } : {}),
      },
      reminders: {
        rules: [
          ...(r.byraadsmoede ? rules('byraadsmoede', r.byraadsmoede, 'kernegrupper') : byDefault('byraadsmoede')),
          ...(r.pitstop ? rules('pitstop', r.pitstop, 'konsulenter') : byDefault('pitstop')),
          ...(r.konsulentmoede ? rules('konsulentmoede', r.konsulentmoede, 'konsulenter') : byDefault('konsulentmoede')),
          ...(r.kernegruppemoede ? rules('kernegruppemoede', r.kernegruppemoede, 'kernegruppe') : byDefault('kernegruppemoede')),
          ...(r.dialogmoede || r.dialogmoedeLastCallHours
            ? dialogmoedeRules(r.dialogmoede ?? [7], r.dialogmoedeLastCallHours ?? [2])
            : byDefault('dialogmoede')),
          ...(r.kommuneledelse ? rules('kommuneledelse', r.kommuneledelse, 'kommuneledelse') : byDefault('kommuneledelse')),
        ],
        lateWindowMs: r.lateWindowHours !== undefined ? r.lateWindowHours * HOUR : defaults.reminders.lateWindowMs,
        kernegruppemoedeSet: true,
      },
      agenda: f.agenda,
      retention: f.retention,
      recipients,
      namedRecipients: named,
      exceptions: (f.exceptions ?? []).map((e): CalendarException => {
        if ('move' in e) return { action: 'move', meetingId: e.move, ...split(e.to) };
        if ('cancel' in e) return { action: 'cancel', meetingId: e.cancel, reason: e.reason ?? '' };
        return { action: 'add', kind: e.add, title: e.title, hours: e.hours, ...split(e.at) };
      }),
    },
  };
}
