// English texts for a kernegruppe's own meetings. Same keys as group-meetings-da.ts.

import type { GroupMeetingsTextKey } from './group-meetings-da.js';

export const groupMeetingsEn: Record<GroupMeetingsTextKey, string> = {
  'groupMeetings.heading': '{group}: the group\'s meetings',
  'groupMeetings.season': 'The group\'s fixed meetings are in {months} (the calendar file). Beyond those the group decides how often it meets.',
  'groupMeetings.noSeason': 'The group has no fixed meetings in the calendar file: it decides how often it meets.',
  'groupMeetings.manageHint': 'As the lead director you can add, move and cancel the group\'s meetings here. The reminders follow.',
  'groupMeetings.none': 'The group has no meetings planned in the coming year.',
  'groupMeetings.more': 'Showing the first {shown} meetings.',
  'groupMeetings.move': 'Move',
  'groupMeetings.cancel': 'Cancel',
  'groupMeetings.add': 'Add a meeting',
  'groupMeetings.moveButton': 'Move the meeting',
  'groupMeetings.cancelButton': 'Cancel the meeting',
  'groupMeetings.addButton': 'Add the meeting',
  'groupMeetings.date': 'Date',
  'groupMeetings.time': 'Time',
  'groupMeetings.reason': 'Reason (optional, at most 500 characters)',
  'groupMeetings.title': 'Topic (optional, at most 200 characters)',
  'groupMeetings.yourInput': 'You wrote: {input}',
  'groupMeetings.added': 'The meeting “{title}” {when} has been added. The group will be reminded before it.',
  'reminder.kernegruppe.heading': '{group}: meeting {when}',
  'reminder.kernegruppe.title': '“{title}”',
  'error.meetingTitleTooLong': 'The topic is too long: at most 200 characters.',
  'error.meetingReasonTooLong': 'The reason is too long: at most 500 characters.',
  'error.meetingTovholderOnly': 'Only the core group\'s lead director or an administrator can add, move and cancel the group\'s meetings.',
  'error.meetingNotOwnGroup': 'As lead director you can only move and cancel your own core group\'s meetings, here in the group\'s chat. The council\'s other meetings are changed by an administrator.',
  'error.meetingNotInGroupChat': 'A core group\'s meetings are added, moved and cancelled in the group\'s own chat: write “meetings” there, or e.g. “add meeting 10.03.2027 15:00 Follow-up on the catalogue”.',
  'error.meetingFormat.addGroup': 'I could not read the date and time. Write e.g. “add meeting 10.03.2027 15:00 Follow-up on the catalogue” (the date can also be written 2027-03-10). The meeting lasts 2 hours.',
};
