#!/usr/bin/env node
// Runs the TypeScript sources directly (no build step) through tsx's loader, on Node 20.19+ and 24.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
