import type { Archetype } from './archetype';

/** Who a conversation is started with. `broadcast` = a post to a large channel. */
export type Counterpart = 'up' | 'down' | 'peer' | 'lateral' | 'external' | 'broadcast';

/** What a conversation is started for. */
export type Intent = 'push' | 'pull' | 'neutral' | 'meeting';

/** Leaders behave by archetype; everyone else is a `contributor`. */
export type Style = Archetype | 'contributor';

/** Weights of [push, pull, neutral, meeting]. */
export type IntentWeights = readonly [number, number, number, number];

/** How one style of person starts and answers conversations. */
export interface Behaviour {
  /** Mean number of conversations started per weekday. */
  conversationsPerDay: number;
  /** Weights of the counterpart of a conversation one starts. */
  counterparts: Readonly<Record<Counterpart, number>>;
  /** Weights of the intent of a conversation one starts, per counterpart. */
  intents: Readonly<Record<Exclude<Counterpart, 'broadcast'>, IntentWeights>>;
  /** Share of downward pushes that are directives ("Please fix … by Friday."). */
  directiveShare: number;
  /** Chance to ask back (a pull) on a push one receives. */
  askBack: number;
  /** Chance to answer a pull one receives. */
  answer: number;
}

/** The order of the entries of IntentWeights. */
export const INTENTS: readonly Intent[] = ['push', 'pull', 'neutral', 'meeting'];

const LEADER_COUNTERPARTS = {
  up: 0.18,
  down: 0.42,
  peer: 0.12,
  lateral: 0.12,
  external: 0.1,
  broadcast: 0.06,
};

/**
 * The behaviour tables that make the archetypes visible in the data: directive leaders push everywhere,
 * coaches pull down and push up, passive leaders seldom start anything upward (their manager has to
 * pull), balanced leaders mix.
 *
 * @example BEHAVIOUR.coach.intents.down // [0.25, 0.6, 0.07, 0.08]: mostly pulls
 */
export const BEHAVIOUR: Readonly<Record<Style, Behaviour>> = {
  contributor: {
    conversationsPerDay: 6.3,
    counterparts: { up: 0.3, down: 0, peer: 0.33, lateral: 0.25, external: 0.04, broadcast: 0.02 },
    intents: {
      up: [0.6, 0.25, 0.1, 0.05],
      down: [0.5, 0.4, 0.1, 0],
      peer: [0.45, 0.38, 0.12, 0.05],
      lateral: [0.45, 0.4, 0.1, 0.05],
      external: [0.55, 0.35, 0.05, 0.05],
    },
    directiveShare: 0,
    askBack: 0.12,
    answer: 0.85,
  },
  directive: {
    conversationsPerDay: 7.4,
    counterparts: LEADER_COUNTERPARTS,
    // A "directive crutch" (PRODUCT.md push-only flag): more than nine pushes in ten in every direction.
    intents: {
      up: [0.88, 0.02, 0.05, 0.05],
      down: [0.85, 0.02, 0.05, 0.08],
      peer: [0.88, 0.02, 0.05, 0.05],
      lateral: [0.88, 0.02, 0.05, 0.05],
      external: [0.91, 0.02, 0.02, 0.05],
    },
    directiveShare: 0.6,
    askBack: 0.01,
    answer: 0.8,
  },
  coach: {
    conversationsPerDay: 7.4,
    counterparts: LEADER_COUNTERPARTS,
    intents: {
      up: [0.75, 0.12, 0.08, 0.05],
      down: [0.25, 0.6, 0.07, 0.08],
      peer: [0.4, 0.45, 0.1, 0.05],
      lateral: [0.4, 0.45, 0.1, 0.05],
      external: [0.3, 0.6, 0.05, 0.05],
    },
    directiveShare: 0.1,
    askBack: 0.3,
    answer: 0.9,
  },
  passive: {
    conversationsPerDay: 6,
    counterparts: { up: 0.05, down: 0.4, peer: 0.15, lateral: 0.15, external: 0.08, broadcast: 0.02 },
    intents: {
      up: [0.3, 0.3, 0.35, 0.05],
      down: [0.45, 0.3, 0.15, 0.1],
      peer: [0.45, 0.35, 0.15, 0.05],
      lateral: [0.45, 0.35, 0.15, 0.05],
      external: [0.45, 0.4, 0.1, 0.05],
    },
    directiveShare: 0.2,
    askBack: 0.1,
    answer: 0.95,
  },
  balanced: {
    conversationsPerDay: 7.4,
    counterparts: LEADER_COUNTERPARTS,
    intents: {
      up: [0.6, 0.25, 0.1, 0.05],
      down: [0.45, 0.4, 0.07, 0.08],
      peer: [0.45, 0.4, 0.1, 0.05],
      lateral: [0.45, 0.4, 0.1, 0.05],
      external: [0.45, 0.45, 0.05, 0.05],
    },
    directiveShare: 0.25,
    askBack: 0.15,
    answer: 0.88,
  },
};

/** Chance per weekday that a passive leader's manager pulls them for an update. */
export const PULLED_FROM_ABOVE = 0.8;
