import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedBus } from '@pushpull/bus';
import { openStore } from '@pushpull/store';
import { describeClassifierService } from './testing/classifier-service-contract';

describeClassifierService(
  'the embedded bus and PGlite',
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pushpull-cls-'));
    const store = await openStore({ dataDir: dir });
    const bus = new EmbeddedBus();
    return { bus, store, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  },
  { deterministicAssignment: true },
);
