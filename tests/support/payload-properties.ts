// Generated payloads for every card verb (fast-check, 1,000 per verb): wrong types, missing fields,
// strings up to 100 KB, unicode, nested objects, ids of another tenant's things, prototype-pollution
// keys. Each is sent through the real Application (TestAdapter) on the embedded Cosmos as one of the
// demo personas; the answer is never a 5xx or the crash card, always a card with a clear text, and an
// answer that refuses made no write at all (every write request to Cosmos DB is counted).

import { readFileSync } from "node:fs";
import fc from "fast-check";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { cardAction } from "./activities.js";
import {
  AuthzRig,
  CRASH,
  isRefusal,
  VALID_BID,
  VALID_EVALUATION,
  VALID_TENDER,
  VALID_TOPIC,
} from "./authz-rig.js";
import { cardText } from "./bot-driver.js";
import { CosmosRequestLog } from "./cosmos.js";
import { conversations, persona, personal } from "./demo.js";

const RUNS_PER_VERB = 1000;
/**
 * The same 1,000 payloads per verb on every run, so a failure in CI is one anyone can replay. To look
 * for new ones, set FC_SEED (a number) and run these files; a failure prints its seed and path.
 */
const seedOf = (verb: string): number =>
  process.env.FC_SEED ? Number(process.env.FC_SEED) : [...verb].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) | 0, 17);
const WRITES = new Set([
  "create",
  "replace",
  "upsert",
  "delete",
  "patch",
  "batch",
]);
const OTHER_TENANT = "0e000000-0000-4000-8000-00000000000e";

function registeredVerbs(): string[] {
  const source = readFileSync(
    new URL("../../src/adapters/teams/bot-app.ts", import.meta.url),
    "utf8",
  );
  const verbBlock = /export const Verb = \{([\s\S]*?)\} as const/.exec(
    source,
  )![1]!;
  return [
    ...[...verbBlock.matchAll(/:\s*'([\w.]+)'/g)].map((m) => m[1]!),
    ...[...source.matchAll(/execute\('([\w.]+)'/g)].map((m) => m[1]!),
  ];
}

const requests = new CosmosRequestLog();
let rig: AuthzRig;

// Built once: generating 100 KB strings per run would cost more than sending them.
const HUGE = [
  "x".repeat(100_000),
  "æøå🙂".repeat(20_000),
  "<b>".repeat(33_000),
  "\u0000\uFFFF\uD800".repeat(30_000),
];
const FIELDS = [
  "tenderId",
  "bidId",
  "meetingId",
  "topicId",
  "submissionId",
  "groupId",
  "reason",
  "from",
  "stage",
  "date",
  "time",
  "after",
  "before",
  "title",
  "why",
  "part",
  "committee",
  "description",
  "howItHelps",
  "forudsaetninger",
  "budgetKr",
  "deadlineDate",
  "deadlineTime",
  "decidedBy",
  "participate",
  "coBidders",
  "roleKommunen",
  "undo",
  "note",
  "oneOffKr",
  "yearlyKr",
  "years",
  "yearlySavingsKr",
  "catalogueId",
  "activityId",
  "outcome",
  "note",
  "newEffect",
  "newEvaluationDate",
  "page",
  "catalogueId",
  "period",
  "page",
  "amount",
  "note",
  "outcome",
  "approved",
  "version",
  "question1",
  "kompetencer",
  "organisering",
  "oneOffKr",
  "yearlyKr",
  "field",
];
const POLLUTION = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "valueOf",
];

function payloads(
  valid: Record<string, unknown>,
): fc.Arbitrary<Record<string, unknown>> {
  const ids = () =>
    fc.constantFrom(
      rig.ids.tenderId,
      rig.ids.draftId,
      rig.ids.otherGroupTenderId,
      rig.ids.bidId,
      rig.ids.meetingId,
      rig.ids.topicId,
      rig.ids.catalogueId,
      rig.ids.otherGroupCatalogueId,
      rig.ids.activityId,
      rig.ids.otherGroupActivityId,
      rig.ids.presentedCatalogueId,
      rig.ids.otherGroupCatalogueId,
      "tender-other-tenant-1",
      `bid-${OTHER_TENANT}`,
      OTHER_TENANT,
      "../../etc/passwd",
      "' OR 1=1 --",
    );
  const value: fc.Arbitrary<unknown> = fc.oneof(
    { weight: 3, arbitrary: fc.string({ maxLength: 40, unit: "grapheme" }) },
    { weight: 2, arbitrary: ids() },
    { weight: 1, arbitrary: fc.constantFrom(...HUGE) },
    {
      weight: 2,
      arbitrary: fc.oneof(
        fc.integer(),
        fc.double(),
        fc.boolean(),
        fc.constant(null),
        fc.constant(undefined),
      ),
    },
    {
      weight: 1,
      arbitrary: fc.anything({
        maxDepth: 3,
        maxKeys: 4,
        withObjectString: true,
        withNullPrototype: true,
      }),
    },
    {
      weight: 1,
      arbitrary: fc.array(fc.string({ maxLength: 10 }), { maxLength: 4 }),
    },
  );
  const key = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...FIELDS) },
    { weight: 1, arbitrary: fc.constantFrom(...POLLUTION) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  );
  // Mostly the button's own data with some fields changed or gone, so runs reach past the first check.
  const mutated = fc
    .tuple(
      fc.dictionary(key, value, { maxKeys: 4 }),
      fc.subarray(Object.keys(valid)),
    )
    .map(([changes, dropped]) => {
      const out: Record<string, unknown> = { ...valid };
      for (const k of dropped) delete out[k];
      for (const [k, v] of Object.entries(changes))
        Object.defineProperty(out, k, {
          value: v,
          enumerable: true,
          configurable: true,
          writable: true,
        });
      return out;
    });
  const raw = fc.dictionary(key, value, { maxKeys: 8 });
  return fc.oneof(
    { weight: 3, arbitrary: mutated },
    { weight: 1, arbitrary: raw },
    { weight: 1, arbitrary: fc.constant(valid) },
  );
}

function validData(verb: string): Record<string, unknown> {
  const i = rig.ids;
  const topic = { meetingId: i.meetingId, topicId: i.topicId };
  const table: Record<string, Record<string, unknown>> = {
    "help.profile": {},
    "admin.link": { groupId: "kernegruppe-beskaeftigelse" },
    "admin.announcement.on": {},
    "admin.announcement.off": {},
    "admin.links": {},
    "tender.new": {},
    "tender.save": { ...VALID_TENDER, tenderId: i.draftId },
    "tender.edit": { tenderId: i.draftId },
    "tender.preview": { tenderId: i.draftId },
    "tender.publish": { tenderId: i.draftId },
    "tender.cancelAsk": { tenderId: i.tenderId },
    "tender.cancel": {
      tenderId: i.tenderId,
      reason: "Budgettet er omprioriteret.",
    },
    "tender.list": {},
    "tender.sendToLead": { tenderId: i.draftId },
    "tender.bids": { tenderId: i.tenderId },
    "tender.bid": { bidId: i.bidId },
    "tender.closed": { tenderId: i.tenderId },
    "tender.history": { tenderId: i.tenderId, page: "0" },
    "bid.open": { tenderId: i.tenderId },
    "bid.new": { tenderId: i.tenderId },
    "bid.submit": {
      tenderId: i.tenderId,
      submissionId: "5ab1d000-0000-4000-8000-00000000a11c",
      ...VALID_BID,
    },
    "bid.edit": { bidId: i.bidId },
    "bid.save": { bidId: i.bidId, ...VALID_BID },
    "bid.withdrawAsk": { bidId: i.bidId },
    "bid.withdraw": { bidId: i.bidId },
    "bid.mine": {},
    "evaluation.form": { bidId: i.bidId },
    "evaluation.save": { bidId: i.bidId, ...VALID_EVALUATION },
    "calendar.move": {
      meetingId: "byraadsmoede-2026-12",
      date: "2026-12-16",
      time: "17:00",
    },
    "calendar.cancel": { meetingId: "temamoede-2026-12" },
    "kernegruppemoede.move": { meetingId: "kernegruppemoede-kernegruppe-laering-2027-02", row: "0", date0: "2027-02-17", time0: "15:00" },
    "kernegruppemoede.cancel": { meetingId: "kernegruppemoede-kernegruppe-laering-2027-02", row: "0", reason0: "Udsat" },
    "kernegruppemoede.add": { groupId: "kernegruppe-laering", addDate: "2027-01-20", addTime: "15:00", addTitle: "Ekstra" },
    "agenda.show": { meetingId: i.meetingId, stage: "view" },
    "topic.new": { meetingId: i.meetingId },
    "topic.submit": {
      meetingId: i.meetingId,
      submissionId: "prop-topic",
      ...VALID_TOPIC,
    },
    "topic.edit": topic,
    "topic.save": { ...topic, ...VALID_TOPIC },
    "topic.withdrawAsk": topic,
    "topic.withdraw": topic,
    "agenda.text": { meetingId: i.meetingId },
    "konsekvens.request": { bidId: i.bidId },
    "konsekvens.ask": { bidId: i.bidId, note: "Hvad koster det?" },
    "konsekvens.open": { bidId: i.bidId },
    "konsekvens.save": { bidId: i.bidId, oneOffKr: "250.000", yearlyKr: "0", years: "3", yearlySavingsKr: "0", note: "" },
    "catalogue.export": { catalogueId: i.catalogueId },
    "activity.show": { activityId: i.activityId },
    "activity.followUpForm": { activityId: i.activityId },
    "activity.followUp": {
      activityId: i.activityId,
      outcome: "continued",
      note: "Godt i gang",
      newEffect: "Flere drenge læser",
      newEvaluationDate: "2027-09-01",
    },
    "activity.history": { activityId: i.activityId, page: "1" },
    "catalogue.show": { groupId: "kernegruppe-laering", period: "2027", page: "0" },
    "catalogue.frameForm": { groupId: "kernegruppe-laering", period: "2027" },
    "catalogue.frame": { groupId: "kernegruppe-laering", period: "2027", amount: "1.500.000", note: "Revideret" },
    "catalogue.presentForm": { catalogueId: i.catalogueId },
    "catalogue.present": { catalogueId: i.catalogueId, meetingId: "temamoede-2026-12" },
    "catalogue.decisionForm": { catalogueId: i.presentedCatalogueId },
    "catalogue.decide": { catalogueId: i.presentedCatalogueId, outcome: "changed", meetingId: "byraadsmoede-2026-12", note: "", approved: i.bidId },
    "konkretisering.ask": { bidId: i.bidId },
    "konkretisering.request": { bidId: i.bidId, deadlineDate: "2026-12-20", deadlineTime: "12:00", question1: "Hvornår?" },
    "konkretisering.open": { bidId: i.bidId },
    "konkretisering.answer": { bidId: i.bidId, kompetencer: "K", organisering: "O", oneOffKr: "0" },
    "konkretisering.view": { bidId: i.bidId, field: "kompetencer" },
    "decision.shortlist": { bidId: i.bidId },
    "decision.rejectAsk": { bidId: i.bidId },
    "decision.reject": { bidId: i.bidId, reason: "Ligger uden for udbuddet." },
    "decision.reset": { bidId: i.bidId },
    "award.form": { bidId: i.bidId },
    "award.submit": {
      bidId: i.bidId,
      responsible: "d0000000-0000-4000-8000-000000000005",
      expectedEffect: "Flere læser.",
      startDate: "2027-01-01",
      evaluationDate: "2027-12-01",
      period: "",
    },
  };
  return table[verb] ?? {};
}

/** Who sends it and from where: the people whose rights the verb is about, and a stranger, in the places they use. */
const SENDERS = [
  { who: persona.tovholder, where: conversations.laeringChat },
  { who: persona.medarbejder, where: personal(persona.medarbejder) },
  { who: persona.politiker, where: personal(persona.politiker) },
  { who: persona.admin, where: conversations.byraadChannel },
  { who: persona.outsider, where: conversations.general },
];

const writes = () =>
  requests.requests.filter((r) => WRITES.has(r.split(" ")[0]!));

/** The verbs of one half (0 or 1) of the registered ones: the two halves run in two test files, in parallel. */
export function propertyTestsFor(half: 0 | 1): void {
  beforeAll(async () => {
    rig = await AuthzRig.start(requests);
  }, 60_000);
  // Each verb starts from the rig's data: what one verb's accepted payloads wrote does not slow the next.
  afterEach(async () => {
    if (!(await rig.unchanged())) await rig.restore();
  });
  describe.each(registeredVerbs().filter((_v, i) => i % 2 === half))(
    "%s with 1,000 generated payloads",
    (verb) => {
      it("never crashes, always answers with a clear card, and a refusal writes nothing", async () => {
        await fc.assert(
          fc.asyncProperty(
            payloads(validData(verb)),
            fc.nat(SENDERS.length - 1),
            async (data, s) => {
              const { who, where } = SENDERS[s]!;
              requests.clear();
              const sent = await rig.bot.send(
                cardAction(who, where, verb, data),
              );
              expect(sent.invokeStatus).toBe(200);
              const text = cardText(sent.invokeCard);
              expect(text).not.toContain(CRASH);
              expect(text.trim().length).toBeGreaterThan(10);
              if (isRefusal(sent.invokeCard)) expect(writes()).toEqual([]);
            },
          ),
          { numRuns: RUNS_PER_VERB, seed: seedOf(verb) },
        );
        // Nothing reached Object.prototype.
        expect(Object.keys(Object.prototype)).toEqual([]);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }, 120_000);
    },
  );
}
