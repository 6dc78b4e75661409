// The mapping lives in the store, shared with `pushpull reclassify`.
export { toFact } from '@pushpull/store';
