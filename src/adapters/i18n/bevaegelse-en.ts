// English texts for the kerneopgave's bevægelse (the change for the citizen). Same keys as bevaegelse-da.ts.

import type { BevaegelseTextKey } from './bevaegelse-da.js';

export const bevaegelseEn: Record<BevaegelseTextKey, string> = {
  'bevaegelse.tender': '**The change for the citizen:** {bevaegelse}',
  'bevaegelse.bidForm': '**Your activity should help bring about the change for the citizen:** {bevaegelse}',
};
