#!/usr/bin/env node
// `npm run build`: compiles the apps and libs into a fresh dist/, copies the web pages'
// templates and static files beside them, then bundles the workflow code once into
// dist/workflows/bundle.js for the worker (apps/worker/src/workflow-bundle.ts).
// Starting from an empty folder matters: a file left from an older layout (say commands.js
// beside commands/) would shadow the new one at run time.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { copyWebFiles } from './lib/web-files.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true });
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const compiled = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
  cwd: root,
  stdio: 'inherit',
});
if (compiled.status !== 0) process.exit(compiled.status ?? 1);

copyWebFiles('dist');

const bundled = spawnSync(process.execPath, [path.join(root, 'dist/apps/worker/src/workflow-bundle.js')], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(bundled.status ?? 1);
