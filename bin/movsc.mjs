#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx movsc …` needs no build step.
import { register } from 'tsx/esm/api';

register();
const { runMovsc } = await import('../src/cli/movsc.ts');
process.exitCode = await runMovsc(process.argv.slice(2));
