// Monitoring with a connection string set (issue 14): OpenTelemetry through Azure Monitor's distribution,
// with in-memory exporters beside Azure Monitor's own (whose exports to 127.0.0.1:9 fail harmlessly).
// A real bid over HTTP leaves a bot.activity span with the tenant, the conversation type and the verb
// (and no name or typed text), Cosmos DB and connector calls as its child dependency spans, and the
// bids.submitted counter; a scheduler run that posts a reminder leaves its loop span and reminders.sent.
//
// Azure Monitor is started before the bot's modules load (they are imported afterwards), as the
// --import preload does in production; this file runs in its own process, and shuts the SDK down.

import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { AggregationTemporality, InMemoryMetricExporter, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { Activity } from 'botbuilder';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAzureMonitor } from '../../src/adapters/telemetry/azure-monitor.js';
import type { RunningMonitor } from '../../src/adapters/telemetry/monitor-state.js';

const CONNECTION_STRING = 'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1:9/';

const spans = new InMemorySpanExporter();
const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
// Exports only when flushed: the test decides when the counters leave.
const reader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 3_600_000 });
let monitor: RunningMonitor;

type Modules = {
  main: typeof import('../../src/main.js');
  config: typeof import('../../src/config.js');
  connector: typeof import('../support/recording-connector.js');
  cosmos: typeof import('../support/cosmos.js');
  clock: typeof import('../support/clock.js');
  activities: typeof import('../support/activities.js');
  demo: typeof import('../support/demo.js');
  forms: typeof import('../support/forms.js');
  cardActions: typeof import('../support/card-actions.js');
};
let m: Modules;
let bot: Awaited<ReturnType<Modules['main']['startBot']>>;
let connector: InstanceType<Modules['connector']['RecordingConnector']>;
let clock: InstanceType<Modules['clock']['TestClock']>;
let cosmosEndpoint: string;
let db: Awaited<ReturnType<Modules['cosmos']['freshDatabase']>>;

async function send(activity: Partial<Activity>): Promise<{ status: number; card?: unknown }> {
  const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...activity, serviceUrl: connector.url }) });
  const text = await res.text();
  return { status: res.status, card: text ? (JSON.parse(text) as { value?: unknown }).value : undefined };
}

beforeAll(async () => {
  monitor = startAzureMonitor(CONNECTION_STRING, { spanProcessors: [new SimpleSpanProcessor(spans)], metricReaders: [reader], disableOfflineStorage: true, sampleEverything: true });
  m = {
    main: await import('../../src/main.js'),
    config: await import('../../src/config.js'),
    connector: await import('../support/recording-connector.js'),
    cosmos: await import('../support/cosmos.js'),
    clock: await import('../support/clock.js'),
    activities: await import('../support/activities.js'),
    demo: await import('../support/demo.js'),
    forms: await import('../support/forms.js'),
    cardActions: await import('../support/card-actions.js'),
  };
  connector = await new m.connector.RecordingConnector().start();
  cosmosEndpoint = (await m.cosmos.testCosmosServer()).endpoint;
  db = await m.cosmos.freshDatabase();
  // Tuesday 10 November 2026: the November byrådsmøde's reminders are planned, none is due yet.
  clock = new m.clock.TestClock(new Date('2026-11-10T10:00:00Z'));
  const config = m.config.loadConfig({ PORT: '0', APPLICATIONINSIGHTS_CONNECTION_STRING: CONNECTION_STRING });
  bot = await m.main.startBot({ config, log: pino({ level: 'silent' }), cosmos: db, clock, scheduler: false });
  const { conversations, persona } = m.demo;
  for (const c of [conversations.laeringChat, conversations.general, conversations.byraadChannel]) await send(m.activities.botAdded(persona.admin, c));
});

afterAll(async () => {
  await bot?.close();
  await connector?.stop();
  await monitor?.shutdown();
});

const attrs = (s: ReadableSpan) => s.attributes;
const isUnder = (child: ReadableSpan, parent: ReadableSpan, all: readonly ReadableSpan[]): boolean => {
  let at: ReadableSpan | undefined = child;
  while (at) {
    const parentId: string | undefined = at.parentSpanContext?.spanId;
    if (parentId === parent.spanContext().spanId) return true;
    at = all.find((s) => s.spanContext().spanId === parentId);
  }
  return false;
};
const urlOf = (s: ReadableSpan) => String(s.attributes['url.full'] ?? s.attributes['http.url'] ?? '');

async function counters(): Promise<Record<string, number>> {
  await reader.forceFlush();
  const out: Record<string, number> = {};
  const latest = metricExporter.getMetrics().at(-1);
  for (const scope of latest?.scopeMetrics ?? [])
    for (const metric of scope.metrics) out[metric.descriptor.name] = metric.dataPoints.reduce((sum, p) => sum + (typeof p.value === 'number' ? p.value : 0), 0);
  return out;
}

/** One counter's data points (cumulative) with their attributes. */
async function pointsOf(name: string): Promise<{ attributes: Record<string, unknown>; value: number }[]> {
  await reader.forceFlush();
  const metric = metricExporter.getMetrics().at(-1)?.scopeMetrics.flatMap((s) => s.metrics).find((x) => x.descriptor.name === name);
  return (metric?.dataPoints ?? []).map((p) => ({ attributes: { ...p.attributes }, value: typeof p.value === 'number' ? p.value : NaN }));
}

describe('with APPLICATIONINSIGHTS_CONNECTION_STRING set', () => {
  it('a bid over HTTP is a bot.activity span (tenant, conversation type, verb; no names or typed text) with Cosmos DB and connector dependency spans under it, and bids.submitted counts it', async () => {
    const { conversations, persona, DEMO_TENANT } = m.demo;
    const { dataOf } = m.cardActions;
    const click = (who: typeof persona.tovholder, where: Parameters<typeof m.activities.cardAction>[1], verb: string, data: Record<string, unknown> = {}) =>
      send(m.activities.cardAction(who, where, verb, data) as Partial<Activity>);
    const saved = await click(persona.tovholder, conversations.laeringChat, 'tender.save', m.forms.VALID_TENDER_FORM);
    const { tenderId } = dataOf(saved.card as never, 'tender.publish');
    await click(persona.tovholder, conversations.laeringChat, 'tender.publish', { tenderId });
    const form = await click(persona.medarbejder, conversations.general, 'bid.new', { tenderId });
    const { submissionId } = dataOf(form.card as never, 'bid.submit');
    spans.reset();
    const answer = await click(persona.medarbejder, conversations.general, 'bid.submit', { tenderId, submissionId, ...m.forms.VALID_BID_FORM });
    expect(answer.status).toBe(200);
    await bot.runScheduledWork(); // the outbox sends the receipt 1:1 through the connector

    const all = spans.getFinishedSpans();
    const activity = all.find((s) => s.name === 'bot.activity' && attrs(s)['card.verb'] === 'bid.submit');
    expect(activity).toBeDefined();
    expect(attrs(activity!)).toMatchObject({
      'enduser.tenant_id': DEMO_TENANT,
      'conversation.type': conversations.general.conversationType,
      'activity.type': 'invoke',
      'activity.name': 'adaptiveCard/action',
      'card.verb': 'bid.submit',
      'http.response.status_code': 200,
    });
    // Cosmos DB calls made while handling the bid are its dependencies.
    const cosmosCalls = all.filter((s) => s.kind === SpanKind.CLIENT && urlOf(s).startsWith(cosmosEndpoint.replace(/\/$/, '')));
    expect(cosmosCalls.filter((s) => isUnder(s, activity!, all)).length).toBeGreaterThan(0);
    // The receipt posted to the connector by the outbox run is a dependency of that run's span.
    const connectorCalls = all.filter((s) => s.kind === SpanKind.CLIENT && urlOf(s).startsWith(connector.url) && /\/v3\/conversations/.test(urlOf(s)));
    const outboxRun = all.find((s) => s.name === 'scheduler.outbox');
    expect(outboxRun && attrs(outboxRun)).toMatchObject({ 'loop.name': 'outbox', 'loop.outcome': 'succeeded' });
    expect(connectorCalls.some((s) => isUnder(s, outboxRun!, all))).toBe(true);

    // Nothing personal in any span: not the bidder's name, not what they typed.
    const everything = JSON.stringify(all.map((s) => ({ name: s.name, attributes: s.attributes, events: s.events })));
    expect(everything).not.toContain(persona.medarbejder.name);
    expect(everything).not.toContain(m.forms.VALID_BID_FORM.title);
    expect(everything).not.toContain(m.forms.VALID_BID_FORM.description);

    expect((await counters())['bids.submitted']).toBe(1);
  });

  it('an export link is recorded without its signed token', async () => {
    spans.reset();
    const token = 'eyJzZWNyZXQiOiJ0b2tlbiJ9.c2lnbmF0dXJl';
    const res = await fetch(`${bot.url}/export/${token}`);
    await res.arrayBuffer();
    const all = spans.getFinishedSpans();
    const request = all.find((s) => s.kind === SpanKind.SERVER && (s.attributes['http.request.method'] ?? s.attributes['http.method']) === 'GET');
    expect(request).toBeDefined();
    expect(Object.values(request!.attributes)).toContain('/export/<token>');
    expect(JSON.stringify(all.map((s) => ({ name: s.name, attributes: s.attributes })))).not.toContain(token);
  });

  it('a command is recorded by its kind, not its words', async () => {
    const { conversations, persona } = m.demo;
    spans.reset();
    await send(m.activities.message(persona.medarbejder, conversations.general, 'udbud'));
    const activity = spans.getFinishedSpans().find((s) => s.name === 'bot.activity' && attrs(s)['activity.type'] === 'message');
    expect(activity && attrs(activity)).toMatchObject({ 'bot.command': 'tenders', 'conversation.type': conversations.general.conversationType });
    expect(JSON.stringify(activity!.attributes)).not.toContain('udbud');
  });

  it('a scheduler run that posts a reminder is a scheduler.reminders span with its outcome and its connector call, and reminders.sent / reminders.failed count it', async () => {
    await bot.runScheduledWork(); // plans the month's reminders
    const before = await counters();
    // The kernegrupper's reminders before the byrådsmøde came due at 16:00. Only Læring's chat has the
    // bot; the other three groups' reminders are undeliverable, and the admins are told.
    clock.set('2026-11-18T16:01:00Z');
    spans.reset();
    const posted = connector.received.length;
    await bot.runScheduledWork();
    expect(connector.received.slice(posted).map((r) => r.conversationId)).toContain(m.demo.conversations.laeringChat.id);

    const all = spans.getFinishedSpans();
    const run = all.find((s) => s.name === 'scheduler.reminders');
    expect(run && attrs(run)).toMatchObject({ 'loop.name': 'reminders', 'loop.outcome': 'succeeded', 'reminders.sent': 1, 'reminders.late': 0, 'reminders.failed': 3 });
    const posts = all.filter((s) => s.kind === SpanKind.CLIENT && urlOf(s).includes(encodeURIComponent(m.demo.conversations.laeringChat.id)));
    expect(posts.some((s) => isUnder(s, run!, all))).toBe(true);

    const after = await counters();
    expect((after['reminders.sent'] ?? 0) - (before['reminders.sent'] ?? 0)).toBe(1);
    expect((after['reminders.failed'] ?? 0) - (before['reminders.failed'] ?? 0)).toBe(3);
    expect(after['outbox.sent']).toBeGreaterThan(0);
  });

  it('a loop run that fails is a failed span with the kind of error, and scheduler.failures counts it by loop', async () => {
    const before = await counters();
    await db.containers.reminders.delete(); // the planner, the reminder sender and the outbox now fail
    spans.reset();
    await bot.runScheduledWork();
    const run = spans.getFinishedSpans().find((s) => s.name === 'scheduler.reminders');
    expect(run?.status.code).toBe(SpanStatusCode.ERROR);
    expect(run && attrs(run)).toMatchObject({ 'loop.outcome': 'failed', 'loop.error_kind': 'Error:404' });
    expect(spans.getFinishedSpans().find((s) => s.name === 'scheduler.tenders')?.attributes['loop.outcome']).toBe('succeeded');
    const failures = await pointsOf('scheduler.failures');
    expect(failures.map((p) => p.attributes)).toEqual(expect.arrayContaining([{ 'loop.name': 'reminders', 'loop.error_kind': 'Error:404' }, { 'loop.name': 'outbox', 'loop.error_kind': 'Error:404' }]));
    expect(failures.every((p) => p.value === 1)).toBe(true);
    expect(before['scheduler.failures']).toBeUndefined();
  });
});
