import { api } from '../api';
import { h, numCell } from '../dom';

interface Health {
  sources: { source: string; scopes: number; lastSyncAt: string; oldestScopeSyncAt: string }[];
  stored: { source: string; events: number; lastStoredAt: string }[];
  consumers: { name: string; lag: number | null }[];
  dlq: { topic: string; messages: number | null }[];
  errors: { at: string; where: string; message: string }[];
}

const table = (testid: string, head: string[], rows: HTMLElement[]) =>
  h(
    'table',
    { 'data-testid': testid },
    h('thead', {}, h('tr', {}, ...head.map((x) => h('th', {}, x)))),
    h('tbody', {}, ...rows),
  );

/** Pipeline health: last sync per source, stored events, consumer lag, DLQ sizes, recent errors. */
export async function pipelinePage(root: HTMLElement): Promise<void> {
  const p = await api<Health>('/api/pipeline');
  const unknown = (n: number | null) => (n === null ? 'unknown' : n);
  root.replaceChildren(
    h('h1', {}, 'Pipeline health'),
    h('h2', {}, 'Sources: last sync'),
    p.sources.length === 0
      ? h(
          'p',
          { 'data-testid': 'sources-empty' },
          'No connector has saved a cursor yet (the simulated source keeps none).',
        )
      : table(
          'sources',
          ['source', 'scopes', 'last sync', 'oldest scope sync'],
          p.sources.map((s) =>
            h(
              'tr',
              { 'data-source': s.source },
              h('td', {}, s.source),
              numCell(s.scopes, 'scopes'),
              h('td', {}, s.lastSyncAt),
              h('td', {}, s.oldestScopeSyncAt),
            ),
          ),
        ),
    h('h2', {}, 'Stored labeled events'),
    table(
      'stored',
      ['source', 'events', 'last stored'],
      p.stored.map((s) =>
        h(
          'tr',
          { 'data-source': s.source },
          h('td', {}, s.source),
          numCell(s.events, 'events'),
          h('td', {}, s.lastStoredAt),
        ),
      ),
    ),
    h('h2', {}, 'Consumer lag'),
    table(
      'consumers',
      ['consumer', 'lag (messages)'],
      p.consumers.map((c) =>
        h('tr', { 'data-consumer': c.name }, h('td', {}, c.name), numCell(unknown(c.lag), 'lag')),
      ),
    ),
    h('h2', {}, 'Dead-letter topics'),
    table(
      'dlq',
      ['topic', 'messages'],
      p.dlq.map((d) =>
        h('tr', { 'data-topic': d.topic }, h('td', {}, d.topic), numCell(unknown(d.messages), 'messages')),
      ),
    ),
    h('h2', {}, 'Recent errors'),
    p.errors.length === 0
      ? h('p', { 'data-testid': 'errors-empty' }, 'No errors since this process started.')
      : table(
          'errors',
          ['when', 'where', 'what'],
          p.errors.map((e) => h('tr', {}, h('td', {}, e.at), h('td', {}, e.where), h('td', {}, e.message))),
        ),
  );
}
