#!/usr/bin/env node
// Runs the compiled CLI (`npm run build` writes dist/; `npm install` in the repository runs it).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = new URL('../dist/pushpull.js', import.meta.url);
if (!existsSync(compiled)) {
  process.stderr.write(
    `pushpull: the compiled CLI is missing (${fileURLToPath(compiled)}); in the repository run \`npm run build\`\n`,
  );
  process.exit(1);
}
process.setSourceMapsEnabled(true);
await import(compiled.href);
