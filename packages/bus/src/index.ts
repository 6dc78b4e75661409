export * from './bus';
export * from './create-bus';
export * from './decode-batch';
export * from './dlq';
export * from './embedded-bus';
export * from './kafka-bus';
export * from './kafka-log-creator';
export * from './partition-for-key';
