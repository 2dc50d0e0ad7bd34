// Stage 2 of a bid, as stored on it: the kernegruppe's request for a konkretisering and the bidder's
// answer. Seed 000: "Efterfølgende kan kernegruppen, hvis beskrivelsen lyder interessant, bede om en
// konkretisering med kompetencer, organisering og økonomi fra den person/de personer i organisationen,
// som har budt ind". Types only (bid.ts holds one); the rules are in konkretisering-rules.ts.

export interface KonkretiseringRequest {
  readonly deadline: string;
  readonly questions: readonly string[];
  readonly askedBy: string;
  readonly askedByName: string;
  /** When this version of the request was made: a changed deadline or questions is a new version. */
  readonly version: string;
  readonly firstAskedAt: string;
  /** The language of the group that asked: its chat is told in it. */
  readonly locale: 'da' | 'en';
}

export interface KonkretiseringAnswer {
  readonly kompetencer: string;
  readonly organisering: string;
  readonly oneOffKr?: number | undefined;
  readonly yearlyKr?: number | undefined;
  /** Staff: hours a year or årsværk, as written (e.g. "1,5 årsværk", "300 timer om året"). */
  readonly staff: string;
  readonly cofinancingKr?: number | undefined;
  readonly cofinancingText: string;
  /** By party role (bid.ts PARTY_ROLES); typed loosely here so bid.ts can hold this type without an import cycle. */
  readonly partyRoles: Readonly<Partial<Record<string, string>>>;
  /** One answer per question of the request it answered, in order. */
  readonly answers: readonly string[];
  readonly answeredBy: string;
  readonly answeredByName: string;
  readonly answeredAt: string;
}

export interface Konkretisering {
  readonly status: 'requested' | 'answered';
  readonly request: KonkretiseringRequest;
  /** The latest answer (kept when the request is changed, to fill in the form again). */
  readonly answer?: KonkretiseringAnswer | undefined;
}
