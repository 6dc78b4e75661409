/**
 * How a simulated leader behaves (`pushpull simulate`, docs/contracts.md §6):
 * - `directive` pushes in every direction: directives down, no questions;
 * - `coach` pulls down (asks the team) and pushes up proactively;
 * - `passive` rarely pushes up on their own and has to be pulled from above;
 * - `balanced` mixes pushing and pulling.
 *
 * @example const a: Archetype = 'coach';
 */
export type Archetype = 'directive' | 'coach' | 'passive' | 'balanced';

/** Every archetype, in the order they are dealt out to leaders. */
export const ARCHETYPES: readonly Archetype[] = ['directive', 'coach', 'passive', 'balanced'];
