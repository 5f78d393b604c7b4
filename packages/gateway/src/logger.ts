import pino, { type Logger } from 'pino';

/** JSON logs. Authorization headers, tokens and anything personal are never logged; the redact
 * list is a second line of defence for objects logged by mistake. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'particulier-hub' },
    redact: {
      paths: ['req.headers.authorization', 'authorization', 'token', '*.token', 'consent', '*.consent', 'subject', '*.subject', 'identity', '*.identity', 'privateJwk', '*.privateJwk'],
      censor: '[redacted]',
    },
  });
}
