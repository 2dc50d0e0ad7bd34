// Danish texts for a kernegruppe's own meetings (issue 13 point 2): the group's card in its chat, the
// tovholder's add, move and cancel, and the reminder of the group's meeting. Merged in text.ts; every
// key here must also be in group-meetings-en.ts (the type checks it).

export const groupMeetingsDa = {
  'groupMeetings.heading': '{group}: gruppens møder',
  'groupMeetings.season': 'Gruppens faste møder ligger i {months} (kalenderfilen). Gruppen afgør derudover selv sin mødefrekvens efter behov.',
  'groupMeetings.noSeason': 'Gruppen har ingen faste møder i kalenderfilen: den afgør selv sin mødefrekvens efter behov.',
  'groupMeetings.manageHint': 'Som tovholder kan du tilføje, flytte og aflyse gruppens møder her. Påmindelserne følger med.',
  'groupMeetings.none': 'Gruppen har ingen planlagte møder det næste år.',
  'groupMeetings.more': 'Viser de første {shown} møder.',
  'groupMeetings.move': 'Flyt',
  'groupMeetings.cancel': 'Aflys',
  'groupMeetings.add': 'Tilføj møde',
  'groupMeetings.moveButton': 'Flyt mødet',
  'groupMeetings.cancelButton': 'Aflys mødet',
  'groupMeetings.addButton': 'Tilføj mødet',
  'groupMeetings.date': 'Dato',
  'groupMeetings.time': 'Klokkeslæt',
  'groupMeetings.reason': 'Begrundelse (valgfri, højst 500 tegn)',
  'groupMeetings.title': 'Emne (valgfrit, højst 200 tegn)',
  'groupMeetings.yourInput': 'Du skrev: {input}',
  'groupMeetings.added': 'Mødet »{title}« {when} er tilføjet. Gruppen får en påmindelse før det.',
  'reminder.kernegruppe.heading': '{group}: møde {when}',
  'reminder.kernegruppe.title': '»{title}«',
  'error.meetingTitleTooLong': 'Emnet er for langt: højst 200 tegn.',
  'error.meetingReasonTooLong': 'Begrundelsen er for lang: højst 500 tegn.',
  'error.meetingTovholderOnly': 'Det er kun kernegruppens tovholder eller en administrator, der kan tilføje, flytte og aflyse gruppens møder.',
  'error.meetingNotOwnGroup': 'Som tovholder kan du kun flytte og aflyse din egen kernegruppes møder, her i gruppens chat. Byrådets øvrige møder ændres af en administrator.',
  'error.meetingNotInGroupChat': 'En kernegruppes møder tilføjes, flyttes og aflyses i gruppens egen chat: skriv »møder« dér, eller fx »tilføj møde 10.03.2027 15:00 Opfølgning på kataloget«.',
  'error.meetingFormat.addGroup': 'Jeg kunne ikke læse dato og klokkeslæt. Skriv fx »tilføj møde 10.03.2027 15:00 Opfølgning på kataloget« (datoen kan også skrives 2027-03-10). Mødet varer 2 timer.',
} as const;
export type GroupMeetingsTextKey = keyof typeof groupMeetingsDa;
