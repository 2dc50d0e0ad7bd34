// English texts for evaluating bids against the pejlemærker. Same keys as evaluation-da.ts.

import type { EvaluationTextKey } from './evaluation-da.js';

export const evaluationEn: Record<EvaluationTextKey, string> = {
  'evaluation.label.netvaerk': 'Local network',
  'evaluation.label.tvaergaaende': 'Cross-cutting collaboration',
  'evaluation.label.opgaven': 'The task at the centre',
  'evaluation.label.samskabelse': 'Co-creation',
  'evaluation.quote.netvaerk': 'The local network (volunteers, families, active citizens etc.) is included far more than today.',
  'evaluation.quote.tvaergaaende': 'Cross-cutting collaboration has high priority in the activities.',
  'evaluation.quote.opgaven': 'Solving the task and the cross-cutting focus – not the profession – are at the centre.',
  'evaluation.quote.samskabelse': 'The activity has a co-creating element with citizens, users, business etc.',
  'evaluation.mark.ja': 'Yes',
  'evaluation.mark.delvist': 'Partly',
  'evaluation.mark.nej': 'No',

  'evaluation.form.kicker': 'Evaluation of bid no. {number}',
  'evaluation.form.intro': 'Evaluate the bid against the guiding marks: yes, partly or no, and a comment if you like. Only the core group’s members see evaluations – never the bidder.',
  'evaluation.form.prefilled': 'Cross-cutting collaboration is set to “Yes” because the bid also serves prerequisites of another core task. You can change it.',
  'evaluation.form.summary': 'The evaluation was not saved. Correct the fields marked below.',
  'evaluation.form.markLabel': 'Does the bid live up to this guiding mark?',
  'evaluation.form.comment': 'Comment on “{label}”',
  'evaluation.editedSince': '⚠ The bid was edited {at}, after your evaluation. Read the bid again and change your evaluation if it makes a difference.',

  'evaluation.saved': '✓ Your evaluation of bid no. {number} “{title}” is saved',
  'evaluation.savedNote': 'Only the core group’s members see evaluations. You can change yours as long as the bid is not withdrawn.',
  'evaluation.line': '**{label}:** {mark}',
  'evaluation.lineWithComment': '**{label}:** {mark} – {comment}',

  'evaluation.detail.mine': 'Your evaluation',
  'evaluation.detail.mineNone': 'You have not evaluated the bid yet.',
  'evaluation.detail.mineAt': 'Evaluated {at}.',
  'evaluation.detail.combined': 'The core group’s combined evaluation',
  'evaluation.detail.combinedNone': 'Nobody in the core group has evaluated the bid yet.',
  'evaluation.detail.count': 'Yes {ja} · partly {delvist} · no {nej}',
  'evaluation.detail.cannot.EVALUATION.OWN_BID': 'You made this bid yourself, so you cannot evaluate it.',
  'evaluation.detail.cannot.EVALUATION.WITHDRAWN': 'The bid has been withdrawn and cannot be evaluated.',
  'evaluation.detail.cannot.EVALUATION.NOT_NUMBERED': 'The bid gets its number in a moment; then it can be evaluated.',
  'evaluation.detail.cannot.EVALUATION.NOT_MEMBER': 'Only the core group’s members can evaluate the bid.',
  'evaluation.score.one': 'Score {score} of 2 · 1 evaluation',
  'evaluation.score.other': 'Score {score} of 2 · {count} evaluations',
  'evaluation.none': 'Not evaluated yet',
  'evaluation.sortedNote': 'Sorted by the core group’s combined evaluation (highest first; bids not evaluated and withdrawn bids last).',

  'button.evaluate': 'Evaluate',
  'button.editEvaluation': 'Change your evaluation',
  'button.saveEvaluation': 'Save evaluation',
  'button.seeBid': 'See the bid',
  'button.sortByScore': 'Sort by evaluation',
  'button.sortByNumber': 'Sort by number',

  'fieldError.REQUIRED.mark.netvaerk': 'Choose yes, partly or no.',
  'fieldError.REQUIRED.mark.tvaergaaende': 'Choose yes, partly or no.',
  'fieldError.REQUIRED.mark.opgaven': 'Choose yes, partly or no.',
  'fieldError.REQUIRED.mark.samskabelse': 'Choose yes, partly or no.',

  'error.evaluationNotMember': 'Only members of the tender’s core group can evaluate the bid.',
  'error.evaluationOwnBid': 'You cannot evaluate a bid you made yourself.',
  'error.evaluationWithdrawn': 'The bid has been withdrawn and can no longer be evaluated.',
  'error.evaluationNotNumbered': 'The bid was just received and gets its number in a moment. Try again shortly.',
  'error.evaluationNotSaved': 'Your evaluation was not saved. What you wrote is below, so you can copy it.',
};
