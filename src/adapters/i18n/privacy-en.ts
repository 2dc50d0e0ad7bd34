// English texts for data protection; the same keys as privacy-da.ts.

import type { PrivacyTextKey } from './privacy-da.js';

export const privacyEn: Record<PrivacyTextKey, string> = {
  'privacy.foreignTenant':
    'The Kerneopgave bot is not set up for your organisation, so it cannot help here, and it stores nothing about you. Please contact your IT department if you think it should be.',
};
