// The municipality's meeting calendar (seed 004's monthly pattern, the 2014 notes' kernegruppe
// meetings, pitstop and konsulentmøde), generated as pure functions of a month and a configuration,
// with the admin's exceptions applied on top. Times are Europe/Copenhagen.

export type MeetingKind =
  | 'dialogmoede'
  | 'staaende-udvalg'
  | 'politisk-koordination'
  | 'partigrupper'
  | 'temamoede'
  | 'byraadsmoede'
  | 'kernegruppemoede'
  | 'pitstop'
  | 'konsulentmoede';

export const MEETING_KINDS: readonly MeetingKind[] = [
  'dialogmoede',
  'staaende-udvalg',
  'politisk-koordination',
  'partigrupper',
  'temamoede',
  'byraadsmoede',
  'kernegruppemoede',
  'pitstop',
  'konsulentmoede',
];

export interface Meeting {
  /** Stable across moves: kind, (group,) year and month, e.g. "byraadsmoede-2026-12" or "kernegruppemoede-kernegruppe-laering-2026-12". */
  readonly id: string;
  readonly kind: MeetingKind;
  readonly title: string;
  readonly start: string; // ISO instant
  readonly end: string; // ISO instant
  /** For a kernegruppe meeting: which group; for standing committees: which committees meet. */
  readonly groupId?: string | undefined;
  readonly committees?: readonly string[] | undefined;
  readonly status: 'planned' | 'moved' | 'cancelled';
  /** Where a moved meeting was first planned. */
  readonly originalStart?: string | undefined;
  /** Generated on a Danish public holiday: kept (not silently moved), and the admin is warned. */
  readonly holiday?: string | undefined;
  /** Added by an admin, not generated from the pattern. */
  readonly added?: boolean | undefined;
}

/** "Week 1" of a month: how the municipality counts. */
export type WeekRule =
  /** Week 1 is the Monday-to-Sunday week that holds the month's first Monday; week n is n-1 weeks later. */
  | 'first-monday'
  /** Week n holds the days 7(n-1)+1 to 7n of the month; "1st Tuesday" is simply the month's first Tuesday. */
  | 'month-days';

/** 1 = Monday … 7 = Sunday, as ISO weekdays. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface Slot {
  readonly week: 1 | 2 | 3 | 4;
  readonly weekday: Weekday;
  /** "HH:mm" local time */
  readonly start: string;
  readonly end: string;
}

export interface CalendarConfig {
  readonly weekRule: WeekRule;
  /** Months (1-12) without meetings; July by default. */
  readonly monthsOff: readonly number[];
  readonly slots: Readonly<Record<Exclude<MeetingKind, 'kernegruppemoede'>, Slot>>;
  /** Each kernegruppe meets before each byrådsmøde: its slot, by group id, else the default. */
  readonly kernegruppeDefault: Slot;
  readonly kernegruppeSlots: Readonly<Record<string, Slot>>;
}

export const DEFAULT_CALENDAR: CalendarConfig = {
  weekRule: 'first-monday',
  monthsOff: [7],
  slots: {
    dialogmoede: { week: 1, weekday: 1, start: '14:00', end: '16:00' },
    'staaende-udvalg': { week: 1, weekday: 1, start: '16:00', end: '18:00' },
    'politisk-koordination': { week: 3, weekday: 1, start: '09:00', end: '12:00' },
    partigrupper: { week: 4, weekday: 1, start: '17:00', end: '19:00' },
    temamoede: { week: 4, weekday: 3, start: '15:00', end: '17:00' },
    byraadsmoede: { week: 4, weekday: 3, start: '17:00', end: '20:00' },
    pitstop: { week: 4, weekday: 5, start: '09:00', end: '10:00' },
    konsulentmoede: { week: 4, weekday: 4, start: '10:00', end: '11:30' },
  },
  kernegruppeDefault: { week: 4, weekday: 2, start: '15:00', end: '17:00' },
  kernegruppeSlots: {},
};

/** An admin's exception to the generated plan. */
export type Override =
  | { readonly meetingId: string; readonly action: 'move'; readonly start: string; readonly end: string; readonly by: string; readonly at: string }
  | { readonly meetingId: string; readonly action: 'cancel'; readonly by: string; readonly at: string; readonly reason?: string | undefined }
  | { readonly meetingId: string; readonly action: 'add'; readonly meeting: Meeting; readonly by: string; readonly at: string };
