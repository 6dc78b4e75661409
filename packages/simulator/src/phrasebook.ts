import type { Rng } from './rng';

/**
 * What a simulated message is for. Each kind has one ground-truth mode, and every template uses only
 * forms that a rule-based classifier reads unambiguously:
 * - pulls end in `?` and open with a question form (can you, could you, what, how, any thoughts…),
 *   or open with "Please send me";
 * - pushes never contain `?`, never open with a question form, a greeting or thanks; a trailing
 *   "Let me know if you have any questions." is the only courtesy closer used;
 * - neutrals are bare thanks, acknowledgements, greetings or emoji.
 */
export type PhraseKind =
  | 'pull'
  | 'clarify'
  | 'externalPull'
  | 'broadcastPull'
  | 'push'
  | 'directive'
  | 'answer'
  | 'externalPush'
  | 'announcement'
  | 'neutral'
  | 'greeting'
  | 'prDescription'
  | 'issueDescription'
  | 'reviewApproved'
  | 'reviewChangesRequested'
  | 'reviewCommented';

/** Slot values fixed for a whole conversation; other slots are drawn per message. */
export interface PhraseVars {
  topic: string;
  name: string;
  team: string;
  company?: string;
  feature?: string;
  bug?: string;
}

const SLOTS: Readonly<Record<string, readonly string[]>> = {
  topic: [
    'billing migration',
    'payments API',
    'onboarding flow',
    'pricing page',
    'data warehouse',
    'mobile release',
    'on-call rota',
    'search ranking',
    'SOC 2 audit',
    'customer portal',
    'export job',
    'hiring plan',
    'partner integration',
    'support backlog',
    'renewal pipeline',
    'marketing site',
    'design system',
    'churn analysis',
    'incident review',
    'Q3 roadmap',
    'budget forecast',
    'vendor contract',
    'login service',
    'notification service',
    'analytics dashboard',
    'release checklist',
    'security review',
    'sales playbook',
    'launch plan',
    'localisation work',
  ],
  deliverable: [
    'slide deck',
    'status report',
    'rollout plan',
    'cost estimate',
    'test plan',
    'first draft',
    'spreadsheet',
    'one-pager',
    'timeline',
    'risk register',
    'meeting notes',
    'budget sheet',
  ],
  deadline: ['Friday', 'Monday', 'Wednesday', 'Thursday', 'end of day', 'tomorrow noon', 'next Tuesday'],
  weekday: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'],
  status: [
    'the backend work is done and QA starts tomorrow',
    'we are two days behind because of the schema change',
    'all open bugs are fixed',
    'the first customer is live',
    'staging is green and the rollout is at 20%',
    'legal signed off on the terms',
    'the numbers are up 12% week over week',
    'we closed 14 of the 18 tickets',
    'the vendor confirmed the new price',
    'the load tests pass at twice the expected traffic',
  ],
  reason: [
    'the vendor API changed',
    'two people were out sick',
    'the load tests failed',
    'the scope grew',
    'we waited for the security review',
    'the data import took longer than planned',
  ],
  proposal: [
    'splitting the work into two phases',
    'moving the launch to May',
    'dropping the legacy export format',
    'hiring a contractor for three months',
    'running the pilot with two customers first',
    'freezing new features for one sprint',
    'merging the two support queues',
  ],
  feature: [
    'retry logic',
    'settings page',
    'rate limiter',
    'CSV import',
    'audit log',
    'dark mode',
    'bulk edit',
    'webhook signing',
    'search filters',
    'invoice preview',
  ],
  bug: [
    'flaky login test',
    'broken CSV export',
    'timeout in the sync job',
    'typo on the pricing page',
    'memory leak in the worker',
    'failing nightly build',
    'wrong totals on the invoice page',
  ],
  action: [
    'pause the rollout until Monday',
    'split the work into two milestones',
    'add a second reviewer',
    'ship behind a feature flag',
    'move the review to next week',
  ],
  metric: [
    '42 new accounts and 3 churned',
    'conversion at 3.1%',
    'p95 latency down to 180 ms',
    'revenue 8% above plan',
    '27 open tickets, 5 of them urgent',
    'NPS at 46',
  ],
  opinion: [
    'we should keep the scope small and ship in two steps',
    'the plan works if we get one more engineer',
    'the risk is mostly in the data migration',
    'the customer cares more about reliability than new features',
  ],
  idea: [
    'we could cache the results per account',
    'a weekly digest would replace most of the daily emails',
    'the support team could own the first reply',
    'one shared dashboard would save the Monday meeting',
  ],
  product: ['analytics suite', 'enterprise plan', 'API add-on', 'support package'],
  pct: ['30', '45', '60', '75', '80', '90'],
};

const TEMPLATES: Readonly<Record<PhraseKind, readonly string[]>> = {
  pull: [
    'Can you send me the status of the {topic}?',
    'Can you share the latest numbers on the {topic}?',
    'Could you send me the {deliverable} for the {topic} before {deadline}?',
    'What do you think about {proposal}?',
    'What is blocking the {topic} right now?',
    'How is the {topic} going?',
    'Any thoughts on the {topic}?',
    'Could you review the {deliverable} for the {topic}?',
    'How should we handle the {topic} while {name} is out?',
    'What would you change in the {topic} plan?',
    'Can you walk me through the risks on the {topic}?',
    'Please send me the {deliverable} for the {topic}.',
    'Any ideas how we could speed up the {topic}?',
    'What did we learn from the {topic} so far?',
  ],
  clarify: [
    'What is the deadline for this?',
    'How does this affect the {topic}?',
    'Can you share the details?',
    'What do you need from me on this?',
    'Could you explain why {name} is not involved?',
    'How confident are you in this plan?',
  ],
  externalPull: [
    'What are your priorities for the next quarter?',
    'How is the rollout going on your side?',
    'What would make the {product} more useful for your team?',
    'Could you send me the list of open issues on your side?',
    'Any feedback on the new {feature}?',
    'How do you measure success for the {topic}?',
  ],
  broadcastPull: [
    'Any thoughts on the new on-call rota?',
    'What should we change about the all-hands format?',
    'Any ideas for the next hack week?',
    'How could we make the {topic} easier for everyone?',
  ],
  push: [
    'Here is the weekly summary for the {team} team: {status}.',
    'Quick update on the {topic}: {status}.',
    'I shipped the {feature} for the {topic}. Let me know if you have any questions.',
    'I finished the {deliverable} for the {topic} and put it in the shared drive.',
    'FYI, the {topic} slipped a week because {reason}.',
    'I propose {proposal}.',
    'Attached is the {deliverable} for the {topic}. Let me know if you have any questions.',
    'I talked to {name} and we agreed to {action}.',
    'The {topic} is on track; {status}.',
    'Sharing the {deliverable} for the {topic} ahead of our review.',
    'Idea for the {topic}: {idea}.',
    'Update from the {team} team: {status}.',
  ],
  directive: [
    'Please fix the {bug} by {deadline}.',
    'Please update the {deliverable} for the {topic} by {deadline}.',
    'Please prepare the {deliverable} for the {topic} before the review.',
    'Make sure the {topic} is ready for the demo on {weekday}.',
    'Please take over the {topic} from {name} starting {weekday}.',
    'We go with {proposal}; please start on it today.',
  ],
  answer: [
    'The {topic} is about {pct}% done; {status}.',
    'Status of the {topic}: {status}.',
    'Here are the latest numbers on the {topic}: {metric}.',
    'I think {proposal} makes sense if we keep {name} in the loop.',
    'The main blocker on the {topic} is that {reason}.',
    'I sent you the {deliverable} for the {topic} by email.',
    'My take: {opinion}.',
    'Here is the {deliverable} for the {topic}. Let me know if you have any questions.',
    'The deadline is {weekday}, and {name} can help if needed.',
  ],
  externalPush: [
    'Here is the updated proposal for the renewal. Let me know if you have any questions.',
    'Attached is the quote for the {product}.',
    'Our team shipped the {feature}; it is live in your account now.',
    'Sharing our roadmap for the next quarter, with the {feature} at the top.',
    'The {product} includes priority support and a named contact from our side.',
  ],
  announcement: [
    'The {topic} is live for all customers as of today.',
    'The {deliverable} from the leadership offsite is in the shared drive.',
    'Our new {feature} shipped today; the release notes are in the handbook.',
    'The {topic} kicks off next week and {name} leads it.',
    'We closed the month with {metric}.',
  ],
  neutral: [
    'Thanks!',
    'Thank you!',
    'Thanks a lot!',
    'Thanks, got it.',
    'Sounds good',
    'Sounds good, thanks!',
    '👍',
    '🙏',
    'Got it, thanks!',
  ],
  greeting: ['Good morning team', 'Good morning everyone', 'Hi all', 'Good morning'],
  prDescription: [
    'This PR adds the {feature} for the {topic}.',
    'This change fixes the {bug} and adds a regression test.',
    'This PR refactors the {topic} code so the {feature} can reuse it.',
  ],
  issueDescription: [
    'The {bug} started after the last deploy; the logs are attached.',
    'The {topic} needs the {feature} before the next release.',
  ],
  reviewApproved: [
    'The {feature} looks correct and the tests cover the edge cases.',
    'The change is small and well tested; ready to merge.',
  ],
  reviewChangesRequested: [
    'The {feature} needs a test for the empty input case.',
    'This breaks the {topic} for old clients; the old field has to stay for one more release.',
  ],
  reviewCommented: [
    'Left a few comments on naming; the logic looks right.',
    'Two small suggestions inline, nothing blocking.',
  ],
};

const SUBJECTS = {
  pull: ['Question about the {topic}', '{Topic} status', '{Topic}: your input'],
  neutral: ['Thanks', 'Thank you', 'Thanks again'],
  push: ['{Topic} update', 'Weekly summary: {team}', '{Deliverable} for the {topic}', '{Topic} next steps'],
  external: ['{Company} and the {product}', 'Renewal: {company}', 'Next steps with {company}'],
  pr: ['Add {feature} to the {topic}', 'Fix {bug}', 'Refactor {topic} module'],
  issue: ['{Bug}', '{Topic}: {feature}'],
  meeting: ['Weekly sync: {team}', 'Planning: {topic}', '{Topic} review', '1:1'],
  externalMeeting: ['{Company} quarterly review', '{Company} onboarding call'],
} as const;

/** What a subject line is for. */
export type SubjectKind = keyof typeof SUBJECTS;

const SLOT = /\{(\w+)\}/g;

/**
 * Realistic, varied message texts (templates × slot values × names) with known ground truth.
 *
 * @example
 * const book = new Phrasebook(createRng(1));
 * book.text('pull', { topic: 'billing migration', name: 'Maria', team: 'Payments' });
 * // e.g. 'Can you send me the status of the billing migration?'
 */
export class Phrasebook {
  constructor(private readonly rng: Rng) {}

  /** A message text of the given kind. */
  text(kind: PhraseKind, vars: PhraseVars): string {
    return this.fill(this.rng.pick(TEMPLATES[kind]), vars);
  }

  /** An email, issue, PR or meeting subject. */
  subject(kind: SubjectKind, vars: PhraseVars): string {
    return this.fill(this.rng.pick(SUBJECTS[kind]), vars);
  }

  /** A value of a slot (topic, feature, bug, …) to fix for a whole conversation. */
  slot(name: string): string {
    const values = SLOTS[name];
    if (!values) throw new TypeError(`Phrasebook: unknown slot ${name}`);
    return this.rng.pick(values);
  }

  private fill(template: string, vars: PhraseVars): string {
    return template.replace(SLOT, (_, slot: string) => {
      const key = slot.toLowerCase();
      const value = (vars as unknown as Record<string, string | undefined>)[key] ?? this.slot(key);
      return slot === key ? value : value.charAt(0).toUpperCase() + value.slice(1);
    });
  }
}

/** Every template of a kind, for tests and documentation. */
export function phraseTemplates(kind: PhraseKind): readonly string[] {
  return TEMPLATES[kind];
}
