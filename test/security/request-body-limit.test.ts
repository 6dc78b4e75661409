import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { securityApp, securityStore } from './dashboard-fixture';

// Finding 8 of issue 14: request bodies were unbounded (an 80 MB unauthenticated login body was buffered).

describe('request body limit', () => {
  let fixture: Awaited<ReturnType<typeof securityStore>>;
  let server: ReturnType<typeof serve>;
  let url: string;

  beforeAll(async () => {
    fixture = await securityStore();
    const app = securityApp(fixture.store);
    server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await fixture.close();
  });

  it('refuses a login body over 16 KiB by its Content-Length with 413', async () => {
    const body = JSON.stringify({ username: 'ana', password: 'x'.repeat(64 * 1024) });
    const res = await fetch(`${url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(413);
  });

  it('refuses a streamed (chunked) login body with 413 long before the client has sent it all', async () => {
    const chunk = new TextEncoder().encode(`{"username":"ana","password":"${'x'.repeat(16 * 1024 - 40)}`);
    const total = 64 * 1024 * 1024; // 64 MiB offered, pulled only as the server reads
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= total) return controller.close();
        sent += chunk.length;
        controller.enqueue(sent === chunk.length ? chunk : new Uint8Array(chunk.length).fill(0x78));
      },
    });
    const res = await fetch(`${url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    // the answer came while most of the body was still unsent: the server did not read it to the end
    expect(sent).toBeLessThan(total / 4);
    await res.body?.cancel();
  });
});
