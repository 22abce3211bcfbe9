#!/usr/bin/env node
// The server the browser tests talk to: `npm start` on a fresh embedded database, or on a fresh
// PostgreSQL database created from TEST_DATABASE_URL (dropped when the server stops).
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env };
let dropDatabase = async () => {};

if (process.env.TEST_DATABASE_URL) {
  // Named by port, and dropped first: a run killed before its clean-up leaves nothing behind for long.
  const name = `movsc_e2e_${process.env.PORT ?? 'default'}`;
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(process.env.TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  env.DATABASE_URL = url.toString();
  dropDatabase = async () => {
    const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await client.connect();
    await client.query(`drop database if exists ${name} with (force)`);
    await client.end();
  };
}
// Fresh data folder in both cases: PGlite's files (without DATABASE_URL), and the e-mails' outbox
// (.eml files) that e2e/accounts.spec.ts reads.
const dir = path.join(root, '.tmp', `e2e-data-${process.env.PORT ?? 'default'}`);
fs.rmSync(dir, { recursive: true, force: true });
env.DATA_DIR = dir;

const child = spawn(process.execPath, [path.join(root, 'scripts', 'start.mjs')], { cwd: root, env, stdio: 'inherit' });
const stop = (signal) => child.kill(signal);
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
child.on('exit', async (code) => {
  await dropDatabase().catch(() => {});
  process.exit(code ?? 0);
});
