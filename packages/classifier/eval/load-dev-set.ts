import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { OrgChart, type OrgRow, parseOrgCsv } from '@pushpull/org';
import { EvalDirectory } from './eval-directory';
import { EVAL_SOURCES, parseEvalItems, type SourcedItem } from './eval-item';

/** The development set as stored in `eval/data`: items of every source, its org chart and names. */
export interface DevSet {
  items: SourcedItem[];
  rows: OrgRow[];
  org: OrgChart;
  directory: EvalDirectory;
}

/**
 * Reads the development set from `eval/data` (the package's own files; nothing outside it):
 * `org.csv` and one `<source>.jsonl` per source, items in file order.
 *
 * @example const { items, org, directory } = loadDevSet();
 */
export function loadDevSet(dataDir = new URL('./data/', import.meta.url)): DevSet {
  const read = (name: string) => readFileSync(fileURLToPath(new URL(name, dataDir)), 'utf8');
  const rows = parseOrgCsv(read('org.csv'));
  return {
    items: EVAL_SOURCES.flatMap((source) => parseEvalItems(read(`${source}.jsonl`), source)),
    rows,
    org: OrgChart.fromRows(rows, { orgDomains: ['acme.example'] }),
    directory: new EvalDirectory(rows),
  };
}
