// Whether Azure Monitor runs in this process, and how to flush it at exit, without loading any of
// OpenTelemetry to find out (main.ts imports this statically; azure-monitor.ts sets it).

const KEY = Symbol.for('kerneopgave-bot.telemetry.monitor');

export interface RunningMonitor {
  /** Sends what is still buffered and stops; bounded by the exporter's own timeouts. */
  shutdown(): Promise<void>;
}

export function setRunningMonitor(monitor: RunningMonitor | undefined): void {
  (globalThis as Record<symbol, unknown>)[KEY] = monitor;
}

export function runningMonitor(): RunningMonitor | undefined {
  return (globalThis as Record<symbol, unknown>)[KEY] as RunningMonitor | undefined;
}
