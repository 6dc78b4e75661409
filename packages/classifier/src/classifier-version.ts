/** The version of the rule set, stamped on every LabeledEvent. Bump it whenever a label may change. */
export const CLASSIFIER_VERSION = '0.5.1';
