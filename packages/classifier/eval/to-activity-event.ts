import { type ActivityEvent, ActivityEventSchema, TARGET_ROLES, type TargetRole } from '@pushpull/core';
import type { EvalDirectory } from './eval-directory';
import { GITHUB_KINDS, type SourcedItem } from './eval-item';

/** When the development set's first item happened; item n happens n minutes later. */
export const EVAL_EPOCH = Date.parse('2024-05-01T08:00:00Z');

const DEFAULT_ROLE: Record<SourcedItem['source'], TargetRole> = {
  email: 'to',
  chat: 'mention',
  github: 'mention',
};

const ROLES: ReadonlySet<string> = new Set(TARGET_ROLES);

/** The ActivityEvent id of an item. */
export const evalEventId = (item: Pick<SourcedItem, 'source' | 'id'>) => `eval:${item.source}:${item.id}`;

/**
 * The ActivityEvent an item stands for, shaped the way the connectors shape them (docs/contracts.md §2):
 * email as `outlook.message.sent` with to/cc targets and a distribution-list audience; chat as
 * `slack.message.posted` with dm/mention/author targets, the thread as conversation and the thread
 * parent as `inReplyTo`; GitHub by `kind`, with review comment replies in `inReplyTo`. `index` orders
 * the events in time (one minute apart).
 *
 * @example toActivityEvent(item, 0, directory).type // 'slack.message.posted'
 */
export function toActivityEvent(item: SourcedItem, index: number, directory: EvalDirectory): ActivityEvent {
  const { source } = item;
  const isDm = source === 'chat' && (item.ch === 'im' || item.ch === 'mpim');
  const target = (entry: string, fallback: TargetRole) => {
    const at = entry.lastIndexOf(':');
    const suffix = entry.slice(at + 1);
    const role = at > 0 && ROLES.has(suffix) ? (suffix as TargetRole) : null;
    return { ...directory.identity(role ? entry.slice(0, at) : entry, source), role: role ?? fallback };
  };
  const targets = [
    ...item.to.map((t) => target(t, isDm ? 'dm' : DEFAULT_ROLE[source])),
    ...(item.cc ?? []).map((t) => target(t, 'cc')),
  ];
  const type =
    source === 'email'
      ? 'outlook.message.sent'
      : source === 'chat'
        ? 'slack.message.posted'
        : GITHUB_KINDS[item.kind ?? 'comment'];
  const audience =
    source === 'email' && item.list
      ? { kind: 'distribution-list', id: item.to[0] ?? null, size: item.list }
      : source === 'chat'
        ? {
            kind: 'channel',
            id: item.ch ?? null,
            size: item.size ?? (isDm ? targets.length + 1 : null),
          }
        : null;
  const attributes: Record<string, unknown> = {};
  if (source === 'chat') attributes.channelType = isDm ? item.ch : 'public';
  if (item.state) attributes.state = item.state;
  return ActivityEventSchema.parse({
    id: evalEventId(item),
    source: source === 'email' ? 'outlook' : source === 'chat' ? 'slack' : 'github',
    type,
    occurredAt: new Date(EVAL_EPOCH + index * 60_000).toISOString(),
    actor: directory.identity(item.from, source),
    targets,
    conversationId: `eval:${source}:${item.conv}`,
    inReplyTo: item.reply ? evalEventId({ source, id: item.reply }) : null,
    subject: item.subject ?? null,
    text: item.text ?? null,
    audience,
    attributes,
  });
}
