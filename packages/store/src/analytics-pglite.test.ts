import { describeAnalyticsContract } from './testing/analytics-contract';
import { pgliteStores } from './testing/make-store';

describeAnalyticsContract('PGlite', pgliteStores('pushpull-analytics-'));
