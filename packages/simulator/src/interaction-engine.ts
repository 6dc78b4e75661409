import {
  BEHAVIOUR,
  type Behaviour,
  type Counterpart,
  INTENTS,
  type Intent,
  PULLED_FROM_ABOVE,
  type Style,
} from './behaviour';
import {
  type Conversation,
  externalParty,
  NEUTRAL,
  type Party,
  PULL,
  PUSH_PROACTIVE,
  PUSH_RESPONSIVE,
} from './conversation';
import { EmailThread } from './email-thread';
import { GithubThread, type ReviewState } from './github-thread';
import { CLIENT_FACING_DEPARTMENTS, REPOSITORIES, TECH_DEPARTMENTS } from './name-lists';
import { organizeMeeting } from './organize-meeting';
import { Phrasebook, type PhraseKind, type PhraseVars } from './phrasebook';
import { createRng, type Rng } from './rng';
import type { SimulatedOrg } from './simulated-org';
import { SimulationContext, type TimedEvent } from './simulation-context';
import { SlackThread } from './slack-thread';
import { type SlackChannel, SlackWorkspace } from './slack-workspace';
import { ADDRESSED_CHANNEL_MAX, BROADCAST_MIN_AUDIENCE, type SimulatedEvent } from './truth';

const COUNTERPARTS: readonly Counterpart[] = ['up', 'down', 'peer', 'lateral', 'external', 'broadcast'];
const REVIEW_STATES: readonly ReviewState[] = ['approved', 'changes_requested', 'commented'];
const REVIEW_TEXT: Readonly<Record<ReviewState, PhraseKind>> = {
  approved: 'reviewApproved',
  changes_requested: 'reviewChangesRequested',
  commented: 'reviewCommented',
};
const DAY_MS = 86_400_000;

/**
 * Plays the simulated organisation one day at a time: everyone starts a few conversations (fewer on
 * weekends) according to their style, counterparts answer pulls and react to pushes, and passive
 * leaders get pulled by their manager. Deterministic for a given org (seeded from its shape).
 *
 * @example
 * const engine = new InteractionEngine(org);
 * const monday = engine.day(0); // SimulatedEvent[] sorted by occurredAt, then id
 */
export class InteractionEngine {
  private readonly ctx: SimulationContext;
  private readonly rng: Rng;
  private readonly book: Phrasebook;
  private readonly slack: SlackWorkspace;
  private readonly startMs: number;
  private readonly byDepartment = new Map<string, number[]>();
  private readonly passiveLeaders: number[];

  constructor(private readonly org: SimulatedOrg) {
    this.rng = createRng(org.shape.seed, 2);
    this.book = new Phrasebook(this.rng);
    this.slack = new SlackWorkspace(org, createRng(org.shape.seed, 3));
    this.ctx = new SimulationContext(org, this.rng, this.book, this.slack, this.slack.subdomain);
    this.startMs = Date.parse(`${org.shape.start}T00:00:00Z`);
    for (const p of org.people) {
      const list = this.byDepartment.get(p.department) ?? [];
      list.push(p.index);
      this.byDepartment.set(p.department, list);
    }
    this.passiveLeaders = org.people.filter((p) => p.archetype === 'passive').map((p) => p.index);
  }

  /** Simulates day `day` (0-based) and returns its events sorted by occurredAt, then id. */
  day(day: number): SimulatedEvent[] {
    const { ctx, rng, org } = this;
    ctx.out = [];
    ctx.epoch = org.epochOf(day);
    const dayStart = this.startMs + day * DAY_MS;
    const weekday = new Date(dayStart).getUTCDay() % 6 !== 0;
    for (const person of org.people) {
      const style = this.styleOf(person.index);
      const mean = BEHAVIOUR[style].conversationsPerDay;
      const count = weekday ? Math.round(mean * (0.5 + rng.next())) : rng.chance(0.2) ? 1 : 0;
      for (let k = 0; k < count; k++)
        this.startConversation(person.index, style, this.startTime(dayStart, weekday));
    }
    if (weekday) {
      for (const p of this.passiveLeaders) {
        const manager = org.managerOf(p, ctx.epoch);
        if (manager < 0 || !rng.chance(PULLED_FROM_ABOVE)) continue;
        const vars = this.vars(manager);
        const conv = this.directConversation(
          manager,
          [p],
          'down',
          'pull',
          vars,
          this.startTime(dayStart, true),
        );
        this.pullFlow(conv, manager, [p], vars, 'pull');
      }
    }
    const events = ctx.out;
    ctx.out = [];
    events.sort(byTimeThenId);
    return events.map((e) => e.item);
  }

  private styleOf(person: number): Style {
    const archetype = this.org.people[person]!.archetype;
    return archetype && this.org.reportsOf(person, this.ctx.epoch).length > 0 ? archetype : 'contributor';
  }

  private startTime(dayStart: number, weekday: boolean): number {
    return dayStart + this.rng.int(weekday ? 7 * 3600 : 9 * 3600, 17 * 3600) * 1000;
  }

  private startConversation(p: number, style: Style, time: number): void {
    const { rng, book, org } = this;
    const behaviour = BEHAVIOUR[style];
    const person = org.people[p]!;
    const clientFacing = style === 'contributor' && CLIENT_FACING_DEPARTMENTS.has(person.department);
    const weights = COUNTERPARTS.map((c) =>
      this.available(p, c) ? behaviour.counterparts[c] * (c === 'external' && clientFacing ? 3.5 : 1) : 0,
    );
    const pick = rng.weighted(weights);
    if (pick < 0) return;
    const counterpart = COUNTERPARTS[pick]!;
    if (counterpart === 'broadcast') {
      this.broadcast(p, time);
      return;
    }
    const to = this.targets(p, counterpart);
    if (to.length === 0) return;
    const intent = INTENTS[rng.weighted(behaviour.intents[counterpart])]!;
    const vars = this.vars(p);
    if (to[0]! < 0) vars.company = org.externals[-to[0]! - 1]!.company;
    if (intent === 'meeting') {
      const subject = book.subject(counterpart === 'external' ? 'externalMeeting' : 'meeting', vars);
      organizeMeeting(this.ctx, p, to, subject, time);
      return;
    }
    if (counterpart !== 'external' && this.usesGithub(p, to)) {
      this.github(p, counterpart, to, intent, vars, time);
      return;
    }
    const conv = this.directConversation(p, to, counterpart, intent, vars, time);
    if (intent === 'push') this.pushFlow(conv, p, counterpart, to, behaviour, vars);
    else if (intent === 'pull')
      this.pullFlow(conv, p, to, vars, counterpart === 'external' ? 'externalPull' : 'pull');
    else conv.post(p, to, book.text(to.length > 1 ? 'greeting' : 'neutral', vars), NEUTRAL, null);
  }

  /** A proactive push, then maybe a question back (answered responsively) or an acknowledgement. */
  private pushFlow(
    conv: Conversation,
    author: number,
    counterpart: Counterpart,
    to: readonly Party[],
    behaviour: Behaviour,
    vars: PhraseVars,
  ): void {
    const kind: PhraseKind =
      counterpart === 'external'
        ? 'externalPush'
        : counterpart === 'down' && this.rng.chance(behaviour.directiveShare)
          ? 'directive'
          : 'push';
    const root = conv.post(author, to, this.book.text(kind, vars), PUSH_PROACTIVE, null);
    this.react(conv, author, to, root, vars);
  }

  /** The first (internal) addressee of a push asks back or acknowledges it. */
  private react(
    conv: Conversation,
    author: number,
    to: readonly Party[],
    root: string,
    vars: PhraseVars,
  ): void {
    const { rng, book } = this;
    const target = to[0];
    if (target === undefined || target < 0) return;
    if (rng.chance(BEHAVIOUR[this.styleOf(target)].askBack)) {
      const question = conv.post(target, [author], book.text('clarify', vars), PULL, root);
      if (!rng.chance(BEHAVIOUR[this.styleOf(author)].answer)) return;
      const answer = conv.post(author, [target], book.text('answer', vars), PUSH_RESPONSIVE, question);
      if (rng.chance(0.3)) conv.post(target, [author], book.text('neutral', vars), NEUTRAL, answer);
    } else if (rng.chance(0.3)) {
      conv.post(target, [author], book.text('neutral', vars), NEUTRAL, root);
    }
  }

  /** A pull; each internal addressee may answer it (a responsive push back), which may be acknowledged. */
  private pullFlow(
    conv: Conversation,
    author: number,
    to: readonly Party[],
    vars: PhraseVars,
    kind: PhraseKind,
  ): void {
    const { rng, book } = this;
    const question = conv.post(author, to, book.text(kind, vars), PULL, null);
    for (const target of to) {
      if (target < 0 || !rng.chance(BEHAVIOUR[this.styleOf(target)].answer)) continue;
      const answer = conv.post(target, [author], book.text('answer', vars), PUSH_RESPONSIVE, question);
      if (rng.chance(0.3)) conv.post(author, [target], book.text('neutral', vars), NEUTRAL, answer);
    }
  }

  private github(
    author: number,
    counterpart: Counterpart,
    to: readonly Party[],
    intent: Intent,
    vars: PhraseVars,
    time: number,
  ): void {
    const { rng, book, ctx } = this;
    const repos = REPOSITORIES[this.org.people[author]!.department] ?? REPOSITORIES.other!;
    const repo = `${ctx.githubOrg}/${rng.pick(repos)}`;
    const number = ctx.nextNumber(repo);
    const target = to[0]!;
    if (intent === 'pull' && to.length === 1 && rng.chance(0.7)) {
      const pr = new GithubThread(ctx, repo, number, 'pull', book.subject('pr', vars), time);
      pr.openPullRequest(author, book.text('prDescription', vars));
      const ask = pr.requestReview(author, target);
      if (!rng.chance(BEHAVIOUR[this.styleOf(target)].answer)) return;
      const state = REVIEW_STATES[rng.weighted([0.6, 0.25, 0.15])]!;
      const review = pr.submitReview(target, author, ask, state, book.text(REVIEW_TEXT[state], vars));
      if (rng.chance(0.3)) pr.post(author, [target], book.text('neutral', vars), NEUTRAL, review);
      return;
    }
    if (intent === 'push' && to.length === 1 && counterpart !== 'up' && rng.chance(0.5)) {
      const issue = new GithubThread(ctx, repo, number, 'issue', book.subject('issue', vars), time);
      if (rng.chance(0.5)) issue.openIssue(author, book.text('issueDescription', vars));
      this.react(issue, author, to, issue.assign(author, target), vars);
      return;
    }
    if (intent === 'push' && rng.chance(0.15)) {
      new GithubThread(ctx, repo, number, 'pull', book.subject('pr', vars), time).openPullRequest(
        author,
        book.text('prDescription', vars),
      );
      return;
    }
    const kind = rng.chance(0.5) ? 'pull' : 'issue';
    const thread = new GithubThread(
      ctx,
      repo,
      number,
      kind,
      book.subject(kind === 'pull' ? 'pr' : 'issue', vars),
      time,
    );
    if (intent === 'push')
      this.pushFlow(thread, author, counterpart, to, BEHAVIOUR[this.styleOf(author)], vars);
    else if (intent === 'pull') this.pullFlow(thread, author, to, vars, 'pull');
    else thread.post(author, to, book.text('neutral', vars), NEUTRAL, null);
  }

  private broadcast(author: number, time: number): void {
    const person = this.org.people[author]!;
    const department = this.slack.department(person.department);
    const channel =
      department && department.size >= BROADCAST_MIN_AUDIENCE && this.rng.chance(0.5)
        ? department
        : this.slack.general;
    if (channel.size < BROADCAST_MIN_AUDIENCE || person.slackId === null) return;
    const thread = new SlackThread(this.ctx, channel, time);
    const vars = this.vars(author);
    if (this.rng.chance(0.2)) thread.post(author, [], this.book.text('broadcastPull', vars), PULL, null);
    else thread.post(author, [], this.book.text('announcement', vars), PUSH_PROACTIVE, null);
  }

  /** A Slack thread (when everyone is on Slack, most of the time) or an email conversation. */
  private directConversation(
    author: number,
    to: readonly Party[],
    counterpart: Counterpart,
    intent: Intent,
    vars: PhraseVars,
    time: number,
  ): Conversation {
    const { rng, org, ctx } = this;
    const onSlack =
      org.people[author]!.slackId !== null && to.every((q) => q >= 0 && org.people[q]!.slackId !== null);
    if (onSlack && rng.chance(0.68))
      return new SlackThread(ctx, this.slackChannel(author, to, counterpart), time);
    const subject = this.book.subject(
      intent === 'neutral'
        ? 'neutral'
        : counterpart === 'external'
          ? 'external'
          : intent === 'pull'
            ? 'pull'
            : 'push',
      vars,
    );
    const manager = org.managerOf(author, ctx.epoch);
    const cc =
      (counterpart === 'lateral' || counterpart === 'external') &&
      manager >= 0 &&
      !to.includes(manager) &&
      rng.chance(0.15)
        ? [manager]
        : [];
    return new EmailThread(ctx, subject, time, cc);
  }

  private slackChannel(author: number, to: readonly Party[], counterpart: Counterpart): SlackChannel {
    const { rng, slack, org, ctx } = this;
    const direct = (): SlackChannel =>
      to.length === 1 ? slack.dm(author, to[0]!) : slack.mpim([author, ...to]);
    if (to.length === 1 ? rng.chance(0.65) : rng.chance(0.4)) return direct();
    let channel: SlackChannel | undefined;
    if (counterpart === 'down') channel = slack.team(author);
    else if (counterpart === 'up' || counterpart === 'peer')
      channel = slack.team(org.managerOf(author, ctx.epoch));
    else channel = slack.department(org.people[author]!.department);
    return channel && channel.size <= ADDRESSED_CHANNEL_MAX ? channel : direct();
  }

  private usesGithub(author: number, to: readonly Party[]): boolean {
    const people = this.org.people;
    const person = people[author]!;
    if (!this.rng.chance(TECH_DEPARTMENTS.has(person.department) ? 0.22 : 0.04)) return false;
    return person.githubLogin !== null && to.every((q) => q >= 0 && people[q]!.githubLogin !== null);
  }

  private available(p: number, counterpart: Counterpart): boolean {
    const { org, ctx } = this;
    switch (counterpart) {
      case 'up':
        return org.managerOf(p, ctx.epoch) >= 0;
      case 'down':
        return org.reportsOf(p, ctx.epoch).length > 0;
      case 'peer': {
        const manager = org.managerOf(p, ctx.epoch);
        return manager >= 0 && org.reportsOf(manager, ctx.epoch).length > 1;
      }
      case 'lateral':
        return org.people.length > 2;
      case 'external':
        return org.externals.length > 0;
      case 'broadcast':
        return org.people[p]!.slackId !== null && this.slack.general.size >= BROADCAST_MIN_AUDIENCE;
    }
  }

  /** Whom a conversation with `counterpart` addresses (empty when nobody fits). */
  private targets(p: number, counterpart: Exclude<Counterpart, 'broadcast'>): Party[] {
    const { org, rng, ctx } = this;
    const epoch = ctx.epoch;
    switch (counterpart) {
      case 'up': {
        const manager = org.managerOf(p, epoch);
        const skip = manager >= 0 ? org.managerOf(manager, epoch) : -1;
        return skip >= 0 && rng.chance(0.2) ? [skip] : [manager];
      }
      case 'down': {
        const reports = org.reportsOf(p, epoch);
        const r = rng.next();
        if (r < 0.1) {
          const lead = reports.find((q) => org.reportsOf(q, epoch).length > 0);
          if (lead !== undefined) return [rng.pick(org.reportsOf(lead, epoch))];
        }
        if (r < 0.4 && reports.length > 1) return rng.shuffle(reports).slice(0, rng.int(2, 3));
        return [rng.pick(reports)];
      }
      case 'peer': {
        const peers = org.peersOf(p, epoch);
        return peers.length > 1 && rng.chance(0.25) ? rng.shuffle(peers).slice(0, 2) : [rng.pick(peers)];
      }
      case 'lateral': {
        const own = this.byDepartment.get(org.people[p]!.department)!;
        for (let attempt = 0; attempt < 8; attempt++) {
          const q = own.length > 1 && rng.chance(0.5) ? rng.pick(own) : rng.int(0, org.people.length - 1);
          if (q !== p && org.relation(p, q, epoch).direction === 'lateral') return [q];
        }
        return [];
      }
      case 'external': {
        const first = rng.int(0, org.externals.length - 1);
        return [externalParty(first)];
      }
    }
  }

  private vars(author: number): PhraseVars {
    const { book, rng, org } = this;
    const people = org.people;
    let colleague = rng.int(0, people.length - 1);
    if (colleague === author && people.length > 1) colleague = (colleague + 1) % people.length;
    return {
      topic: book.slot('topic'),
      name: people[colleague]!.firstName,
      team: people[author]!.team,
      company: org.externals.length > 0 ? rng.pick(org.externals).company : 'our client',
      feature: book.slot('feature'),
      bug: book.slot('bug'),
    };
  }
}

/** Times are whole seconds, so ordering by time equals ordering by occurredAt. */
function byTimeThenId(a: TimedEvent, b: TimedEvent): number {
  if (a.at !== b.at) return a.at - b.at;
  const x = a.item.event.id;
  const y = b.item.event.id;
  return x < y ? -1 : x > y ? 1 : 0;
}
