import { pino, type Logger } from 'pino';

/**
 * Paths removed from every log line. The service logs identifiers only; these catch a
 * request body, a credential or a secret that reaches a log call by mistake.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'headers.authorization',
  'headers["x-api-key"]',
  'body',
  'request',
  'payload',
  'credential',
  'recipient',
  'name',
  'privateKeyMultibase',
  '*.recipient',
  '*.name',
  '*.privateKeyMultibase',
  '*.credential',
];

/** Creates the service logger: JSON lines on standard output, or on `destination`. */
export function createLogger(options: { level: string; destination?: pino.DestinationStream }): Logger {
  const settings = {
    level: options.level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: { pid: process.pid },
  };
  return options.destination === undefined ? pino(settings) : pino(settings, options.destination);
}
