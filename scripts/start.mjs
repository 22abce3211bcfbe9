#!/usr/bin/env node
// `npm start`: build the web UI when its sources are newer than the last build, then run the server.
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = path.join(root, 'dist', 'web', 'index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

const sourcesChanged =
  !fs.existsSync(built) ||
  Math.max(newestMtime(path.join(root, 'web')), fs.statSync(path.join(root, 'vite.config.ts')).mtimeMs) > fs.statSync(built).mtimeMs;

if (sourcesChanged) {
  console.log("Construction de l'interface web…");
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// The IPC channel ties the server's life to this wrapper's: if the wrapper is killed, the server stops.
const server = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src', 'server.ts')], { cwd: root, stdio: ['inherit', 'inherit', 'inherit', 'ipc'] });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
