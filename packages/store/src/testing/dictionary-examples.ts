import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

/** One example query of the data dictionary (docs/analytics.md) and the columns it documents. */
export interface DictionaryExample {
  sql: string;
  columns: string[];
}

const DICTIONARY = fileURLToPath(new URL('../../../../docs/analytics.md', import.meta.url));

/**
 * Test helper: the example queries of docs/analytics.md, each ```sql block with its "Columns:" line.
 *
 * @example const intervals = dictionaryExamples().filter((q) => q.sql.includes('_low'));
 */
export function dictionaryExamples(): DictionaryExample[] {
  const text = readFileSync(DICTIONARY, 'utf8');
  return [...text.matchAll(/```sql\n([\s\S]*?)```\nColumns: ([^\n]+)/g)].map((m) => ({
    sql: m[1] as string,
    columns: (m[2] as string).split(',').map((c) => c.trim()),
  }));
}

/** What `expectExamplesAnswer` needs of a database client (a `pg.Client`). */
export interface ExampleQueryClient {
  query(sql: string): Promise<{ fields: { name: string }[]; rows: unknown[] }>;
}

/**
 * Test helper: asserts that each example, run by `client`, answers with exactly its documented
 * columns and at least one row.
 *
 * @example await expectExamplesAnswer(analyst, dictionaryExamples());
 */
export async function expectExamplesAnswer(
  client: ExampleQueryClient,
  examples: readonly DictionaryExample[],
): Promise<void> {
  for (const q of examples) {
    const result = await client.query(q.sql);
    expect(
      result.fields.map((f) => f.name),
      q.sql,
    ).toEqual(q.columns);
    expect(result.rows.length, q.sql).toBeGreaterThan(0);
  }
}
