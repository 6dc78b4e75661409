/**
 * How wide the 90% interval of a corrected figure is with the classifier in use, by source and volume:
 * what "not enough data" (wider than max_interval_width, default 0.30) will mean in practice.
 *
 *   npx tsx scripts/interval-widths.ts
 *
 * A push share of two pushes per pull (10% neutral beside them) and an upward proactivity of one half,
 * each from one source, corrected with the classifier's published confusion; beside them the width the
 * same counts would have if the labels were known to be right.
 */
import {
  estimateRatio,
  INITIATIVE_LABELS,
  identityCorrection,
  MODE_LABELS,
  type RatioEstimate,
} from '@pushpull/metrics';
import { classifierCorrections } from '@pushpull/runtime';

const { version, corrections } = classifierCorrections();
const width = (e: RatioEstimate) => (e.low === null || e.high === null ? 'n/a' : (e.high - e.low).toFixed(2));
const PUSH_SHARE = { numerator: ['push'], denominator: ['push', 'pull'] };
const PROACTIVITY = { numerator: ['proactive'], denominator: ['responsive', 'proactive'] };

console.log(`classifier ${version}: width of the 90% interval (high - low) by events in the ratio`);
console.log('source   events  push share  (labels right)  upward proactivity  (labels right)');
for (const source of Object.keys(corrections).sort()) {
  const c = corrections[source];
  if (!c) continue;
  for (const n of [40, 120, 400, 2000]) {
    const mode = [(2 / 3) * n, (1 / 3) * n, 0.1 * n];
    const initiative = [n / 2, n / 2];
    const cells = [
      width(estimateRatio([{ observed: mode, correction: c.mode }], PUSH_SHARE)),
      width(estimateRatio([{ observed: mode, correction: identityCorrection(MODE_LABELS) }], PUSH_SHARE)),
      width(estimateRatio([{ observed: initiative, correction: c.initiative }], PROACTIVITY)),
      width(
        estimateRatio(
          [{ observed: initiative, correction: identityCorrection(INITIATIVE_LABELS) }],
          PROACTIVITY,
        ),
      ),
    ];
    console.log(
      `${source.padEnd(8)} ${String(n).padStart(6)}  ${cells[0]?.padStart(10)}  ${cells[1]?.padStart(14)}  ${cells[2]?.padStart(18)}  ${cells[3]?.padStart(14)}`,
    );
  }
}
