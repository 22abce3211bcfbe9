/**
 * The one place that reads process.env. Parsed by Zod at boot, with defaults that make
 * `npm start` work on a fresh machine with no configuration.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const ZEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Address to listen on. Default: every interface, or only the loopback when a proxy is declared (TRUSTED_PROXIES). */
  HOST: z.string().optional(),
  /**
   * Addresses of the reverse proxies in front of MOVSC, comma-separated (« 127.0.0.1,::1 »). Only
   * their X-Forwarded-For entries are believed: the client is the rightmost address that is not one
   * of them. Unset: X-Forwarded-For is ignored, the client is the socket's peer.
   */
  TRUSTED_PROXIES: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(',').map((a) => a.trim()).filter(Boolean) : [])),
  /** PostgreSQL URL; when absent the embedded PGlite database under DATA_DIR is used. */
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default(path.join(projectRoot, 'data')),
  /** Folder of pg_dump and pg_restore (`movsc db dump|restore` on PostgreSQL) when the PATH's are not the server's version. */
  PG_BIN_DIR: z.string().optional(),
  /** Public URL of the platform (used for cookies and links); defaults to http://localhost:PORT. */
  BASE_URL: z.string().url().optional(),
  /** Secret that signs session cookies. When absent, one is generated once and kept in the database. */
  AUTH_SECRET: z.string().min(32).optional(),
  /** Sign-in attempts allowed per window and per client address. */
  LOGIN_RATE_LIMIT_MAX: z.coerce.number().int().positive().default(5),
  LOGIN_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().positive().default(60),
  /** Load the demo users and data when the database has no user yet. */
  DEMO_SEED: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** SMTP server for outgoing e-mails (smtp://user:pass@host:port). Unset: .eml files in DATA_DIR/outbox. */
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default('MOVSC Cnam-CESTES <cestes@cnam.fr>'),
  /**
   * Demo and e2e server only: the instant the platform believes it is at start-up (ISO 8601); time then
   * runs on from there. Refused in production.
   */
  MOVSC_CLOCK_START: z
    .string()
    .refine((v) => !Number.isNaN(new Date(v).getTime()), { message: 'date ISO 8601 attendue' })
    .optional(),
  /** With MOVSC_CLOCK_START: `running` (time passes from there, the demo) or `fixed` (the e2e server). */
  MOVSC_CLOCK_MODE: z.enum(['running', 'fixed']).default('running'),
});

export type TEnv = z.infer<typeof ZEnvSchema>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): TEnv {
  const parsed = ZEnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Configuration invalide :\n${lines.join('\n')}`);
  }
  if (parsed.data.NODE_ENV === 'production' && parsed.data.MOVSC_CLOCK_START) {
    throw new Error('Configuration invalide :\n  MOVSC_CLOCK_START : réservé à la démonstration et aux tests, interdit en production');
  }
  return parsed.data;
}

export function baseUrlOf(env: TEnv): string {
  return env.BASE_URL ?? `http://localhost:${env.PORT}`;
}

/** The mail settings alone, read at send time (a process may change them, e.g. tests' SMTP server). */
export function readMailEnv(source: NodeJS.ProcessEnv = process.env) {
  return ZEnvSchema.pick({ SMTP_URL: true, MAIL_FROM: true, DATA_DIR: true }).parse(source);
}
