// The ids of catalogue and activity items follow from what they are about, so whoever makes one twice
// (a double click, two members at once, the sweep finishing a crashed award) meets the same item.

import { createHash } from 'node:crypto';

const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);

/** One catalogue per kernegruppe and period. */
export const catalogueId = (groupId: string, period: string): string => `cat-${hash(`${groupId}|${period}`)}`;

/** The activity an award of this bid makes: one per bid. */
export const activityIdOf = (bidId: string): string => `act-${hash(bidId)}`;
