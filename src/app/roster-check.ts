// The roster check's warnings as an admin reads them, in Danish (the roster tools speak Danish).

import { ROLE_NAMES } from '../domain/roles.js';
import type { CompositionRule, CompositionWarning } from '../domain/roster-check.js';

const WHAT: Record<CompositionRule, string> = {
  politikere: 'politikere (udvalget)',
  tovholder: `${ROLE_NAMES.chef.da} som ${ROLE_NAMES.tovholder.da}`,
  konsulenter: 'konsulenter',
  'konsulent-tilknyttet': 'konsulenter med en rolle fra området selv (konsulenterne må ikke have tilknytning til kerneopgaven)',
  oekonomikonsulent: ROLE_NAMES.oekonomikonsulent.da,
  fagpersoner: 'fagpersoner',
};

const range = (w: CompositionWarning) => (w.expected.min === w.expected.max ? `${w.expected.min}` : `${w.expected.min}-${w.expected.max}`);

/** "Kernegruppe Læring (kernegruppe-laering): forventer 1 økonomikonsulent, fandt 0." */
export function compositionWarningText(w: CompositionWarning): string {
  return `${w.groupName} (${w.group}): forventer ${range(w)} ${WHAT[w.rule]}, fandt ${w.found}.`;
}
