// The Telemetry port on OpenTelemetry's API: spans through the global tracer and counters through the
// global meter that Azure Monitor's distribution registered (azure-monitor.ts). Loaded by main.ts only
// when a connection string is set, so without one @opentelemetry/api is never loaded.

import { metrics, SpanStatusCode, trace, type Attributes, type Counter } from '@opentelemetry/api';
import type { Telemetry, TelemetryAttributes, TelemetryCounter } from '../../app/ports.js';

const SCOPE = 'kerneopgave-bot';

const COUNTERS: Record<TelemetryCounter, string> = {
  'reminders.sent': 'Reminders posted to their chat or person',
  'reminders.late': 'Reminders posted after their due time (the bot was down or busy when they came due)',
  'reminders.failed': 'Reminders given up on: the bot was removed, the app is not installed, or Teams kept refusing',
  'outbox.sent': 'Notices, receipts and card redraws sent from the outbox',
  'outbox.failed': 'Outbox notices given up on (unreachable or dropped after retries)',
  'bids.submitted': 'Bids submitted (a resent form counts once)',
  'agenda.topics_added': 'Dialogmøde topics added',
  'scheduler.failures': 'Scheduler loop runs that failed, by loop.name',
};

function clean(attributes: TelemetryAttributes): Attributes {
  const out: Attributes = {};
  for (const [k, v] of Object.entries(attributes)) if (v !== undefined) out[k] = v;
  return out;
}

export function openTelemetry(): Telemetry {
  const tracer = trace.getTracer(SCOPE);
  const meter = metrics.getMeter(SCOPE);
  const counters = new Map<TelemetryCounter, Counter>();
  const counter = (name: TelemetryCounter): Counter => {
    let c = counters.get(name);
    if (!c) counters.set(name, (c = meter.createCounter(name, { description: COUNTERS[name] })));
    return c;
  };
  return {
    count: (name, by = 1, attributes = {}) => {
      if (by > 0) counter(name).add(by, clean(attributes));
    },
    span: (name, attributes, work) =>
      tracer.startActiveSpan(name, { attributes: clean(attributes) }, async (span) => {
        try {
          const result = await work((more) => span.setAttributes(clean(more)));
          return result;
        } catch (err) {
          // The kind of error, not its message: messages can quote what a user typed.
          span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.name : 'error' });
          span.setAttribute('error.type', err instanceof Error ? err.name : typeof err);
          throw err;
        } finally {
          span.end();
        }
      }),
  };
}
