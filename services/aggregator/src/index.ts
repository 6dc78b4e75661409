export * from './aggregator-service';
export * from './to-fact';
