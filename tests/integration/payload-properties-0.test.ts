// Generated payloads for every card verb, half 0 of them (the other half runs in the other file, in
// parallel): see tests/support/payload-properties.ts.

import { propertyTestsFor } from '../support/payload-properties.js';

propertyTestsFor(0);
