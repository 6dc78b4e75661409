import type { Initiative } from '@pushpull/core';
import type { TextAnalysis } from '../analyze-text';
import type { ConversationTrail } from '../conversation-trail';
import type { ModeVerdict } from '../mode-verdict';
import { DistinctStrings } from './distinct-strings';

/** What the rules found, which the learned layer weighs beside the wording. Holds no text. */
export interface RuleFindings {
  /** The event type (`slack.message.posted`, …). */
  eventType: string;
  text: TextAnalysis;
  /** The text rules' verdict. */
  verdict: ModeVerdict;
  /** The initiative rules' judgement, as if the event were a push. */
  initiative: { initiative: Initiative; reasons: readonly string[] };
  /** Earlier pulls and directives of the conversation, and whether one of them solicited the author. */
  earlierPulls: number;
  /** Of those, how many the author made, and whether the latest one is the author's. */
  ownPulls: number;
  latestPullIsOwn: boolean;
  answersEarlierPull: boolean;
  /** The event replies to a known earlier event. */
  isReply: boolean;
  /** How many people it addresses (before broadcast collapsing). */
  targets: number;
  broadcast: boolean;
  /** The conversation's course before this event, when the memory keeps one (see `ConversationTrail`). */
  trail?: ConversationTrail | undefined;
  /** The author's `identityKey`, to place the author in the trail. */
  authorKey?: string;
}

type Sentence = TextAnalysis['sentences'][number];
/** The keys of `T` whose values are booleans: the flags. */
type FlagOf<T> = { [K in keyof T]-?: T[K] extends boolean ? K : never }[keyof T];

/** The flags of the whole text that are features, with their feature names, in the order they are added. */
const TEXT_FLAGS: readonly (readonly [FlagOf<TextAnalysis>, string])[] = [
  ['empty', 'x:empty'],
  ['forward', 'x:forward'],
  ['reply', 'x:reply'],
  ['autoReply', 'x:auto-reply'],
  ['courtesyCloser', 'x:courtesy'],
  ['answerFirst', 'x:answer-first'],
  ['bareAnswer', 'x:bare-answer'],
];

/** The flags of a sentence that are features, likewise. */
const SENTENCE_FLAGS: readonly (readonly [FlagOf<Sentence>, string])[] = [
  ['question', 's:question'],
  ['request', 's:request'],
  ['directive', 's:directive'],
  ['strongDirective', 's:strong-directive'],
  ['asRequested', 's:as-requested'],
  ['handsOver', 's:hands-over'],
  ['acknowledgement', 's:acknowledgement'],
];

const bucket = (n: number) => (n >= 6 ? '6+' : n >= 3 ? '3-5' : String(n));

/**
 * The rule features of an event for the learned layer: every rule that fired, the rules' mode and
 * initiative, the sentence acts (first, last, counts), the pattern ids that matched, the analysis
 * flags, the event type and its place in the conversation (earlier pulls; with a trail, how many events
 * came before, whether the author opened it or spoke already, and the previous event's ruled mode and
 * author, and whether it asked). No words of the text: these features are
 * the same whether the event carries its text or only its text features (`PUSHPULL_CONTENT=features`).
 *
 * @example ruleFeatures(findings).includes('r:question-sentence')
 */
export function ruleFeatures(f: RuleFindings): string[] {
  const out = scratch;
  out.start();
  out.add(named('t:', f.eventType));
  out.add(named('m:', f.verdict.mode));
  out.add(named('i:', f.initiative.initiative));
  out.add(named('ctx:pulls=', bucket(f.earlierPulls)));
  out.add(named('ctx:targets=', bucket(f.targets)));
  for (const r of f.verdict.reasons) out.add(named('r:', r));
  for (const r of f.initiative.reasons) out.add(named('ir:', r));
  if (f.answersEarlierPull) out.add('ctx:answers-pull');
  if (f.ownPulls > 0) out.add('ctx:own-pull');
  if (f.earlierPulls > f.ownPulls) out.add('ctx:others-pull');
  if (f.earlierPulls > 0) out.add(f.latestPullIsOwn ? 'ctx:latest-pull-own' : 'ctx:latest-pull-other');
  if (f.isReply) out.add('ctx:reply');
  if (f.broadcast) out.add('ctx:broadcast');
  addTrailFeatures(out, f);
  const t = f.text;
  for (const [flag, feature] of TEXT_FLAGS) if (t[flag]) out.add(feature);
  out.add(named('n:sentences=', bucket(t.sentences.length)));
  out.add(named('n:substantive=', bucket(t.substantive.length)));
  const first = t.substantive[0];
  const last = t.substantive[t.substantive.length - 1];
  if (first) out.add(named('a1:', first.act));
  if (last) out.add(named('al:', last.act));
  const acts = new Map<string, number>();
  for (const s of t.substantive) acts.set(s.act, (acts.get(s.act) ?? 0) + 1);
  for (const [act, n] of acts) {
    out.add(named('a:', act));
    out.add(named(named('a:', act), `=${bucket(n)}`));
  }
  for (const s of t.sentences) {
    for (const [flag, feature] of SENTENCE_FLAGS) if (s[flag]) out.add(feature);
    for (const id of s.matched) out.add(named('p:', id));
  }
  // Context and initiative cues mean different things in a chat, a mailbox and an issue: each also
  // counts per source (the event type's first part).
  const source = named(f.eventType.slice(0, f.eventType.indexOf('.')), '|');
  for (let i = 0, n = out.size; i < n; i++) {
    const perSource = namedPerSource(source, out.at(i));
    if (perSource !== null) out.add(perSource);
  }
  return out.list();
}

/** The list `ruleFeatures` builds each event's features in (distinct, in the order first added). */
const scratch = new DistinctStrings();

/** The trail features' names, made once: `ctx:seen=…` by bucket, `ctx:prev=mode:same|other`. */
const SEEN = new Map(['0', '1', '2', '3-5', '6+'].map((b) => [b, `ctx:seen=${b}`]));
const PREV = {
  same: { push: 'ctx:prev=push:same', pull: 'ctx:prev=pull:same', neutral: 'ctx:prev=neutral:same' },
  other: { push: 'ctx:prev=push:other', pull: 'ctx:prev=pull:other', neutral: 'ctx:prev=neutral:other' },
} as const;

/** Where the event stands in its conversation: how far in, whose turn, what came just before. */
function addTrailFeatures(out: DistinctStrings, f: RuleFindings): void {
  const trail = f.trail;
  out.add(SEEN.get(bucket(trail?.events ?? 0)) as string);
  if (trail === undefined) return;
  const author = f.authorKey ?? '';
  if (trail.openerKey === author) out.add('ctx:opener');
  else if (trail.authorKeys.includes(author)) out.add('ctx:spoke-before');
  else out.add('ctx:newcomer');
  const same = trail.lastAuthorKey === author;
  out.add(PREV[same ? 'same' : 'other'][trail.lastMode]);
  if (trail.lastAsked) out.add(same ? 'ctx:prev-asked=same' : 'ctx:prev-asked=other');
}

/** The features that also count per source. */
const PER_SOURCE = /^(?:ctx|ir|i|m|a1|al|x):/;

/** Per source prefix, per feature: its per-source name, or null for a feature that does not count per source. */
const perSourceNames = new Map<string, Map<string, string | null>>();

/**
 * `source + feature` (the same string object each time, like `named`) when the feature counts per
 * source ({@link PER_SOURCE}), else null: the pattern runs once per source and feature, not per event.
 */
function namedPerSource(source: string, feature: string): string | null {
  let byFeature = perSourceNames.get(source);
  if (byFeature === undefined) {
    if (perSourceNames.size >= NAMES_PER_PREFIX) perSourceNames.clear();
    byFeature = new Map();
    perSourceNames.set(source, byFeature);
  }
  let perSource = byFeature.get(feature);
  if (perSource === undefined) {
    perSource = PER_SOURCE.test(feature) ? named(source, feature) : null;
    if (byFeature.size >= NAMES_PER_PREFIX) byFeature.clear();
    byFeature.set(feature, perSource);
  }
  return perSource;
}

/** `prefix + name` strings made so far, by prefix, then name. */
const names = new Map<string, Map<string, string>>();
/** The most prefixes, and names per prefix, kept (event types, reasons and pattern ids are few; this bounds odd input). */
const NAMES_PER_PREFIX = 4096;

/**
 * `prefix + name`, the same string object each time it is asked for: the feature names repeat from
 * event to event, and a string made once has its hash computed once for every Set and Map it meets.
 */
function named(prefix: string, name: string): string {
  let byName = names.get(prefix);
  if (byName === undefined) {
    if (names.size >= NAMES_PER_PREFIX) names.clear();
    byName = new Map();
    names.set(prefix, byName);
  }
  let feature = byName.get(name);
  if (feature === undefined) {
    feature = prefix + name;
    if (byName.size >= NAMES_PER_PREFIX) byName.clear();
    byName.set(name, feature);
  }
  return feature;
}
