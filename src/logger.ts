// The one structured JSON logger. Everything that logs receives it (or a child of it) as a parameter.

import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino({ level, base: { app: 'kerneopgave-bot' }, timestamp: pino.stdTimeFunctions.isoTime }, destination ?? process.stdout);
}
