import { eventId } from '@pushpull/core';
import { NEUTRAL, type Party } from './conversation';
import { base36, isoSeconds, type SimulationContext } from './simulation-context';

/**
 * Emits an `outlook.event.organized` for a meeting `organizer` sets up with `attendees` (truth:
 * neutral, pure scheduling). The meeting itself takes place a few days later.
 *
 * @example organizeMeeting(ctx, 0, [1, 2, 3], 'Weekly sync: Payments', startMs);
 */
export function organizeMeeting(
  ctx: SimulationContext,
  organizer: number,
  attendees: readonly Party[],
  subject: string,
  time: number,
): string {
  const who = ctx.org.people[organizer]!;
  const id = eventId('outlook', who.email, 'event', `AAMkAE${base36(ctx.nextSeq(), 10)}`);
  const startsAt = Math.floor(time / 3_600_000) * 3_600_000 + ctx.rng.int(1, 5) * 86_400_000;
  ctx.emit(
    time,
    {
      id,
      source: 'outlook',
      type: 'outlook.event.organized',
      occurredAt: isoSeconds(time),
      actor: { email: who.email, name: who.name },
      targets: attendees.map((p) => {
        const a = p < 0 ? ctx.org.externals[-p - 1]! : ctx.org.people[p]!;
        return { email: a.email, name: a.name, role: 'attendee' as const };
      }),
      subject,
      text: null,
      attributes: { startsAt: isoSeconds(startsAt), durationMinutes: ctx.rng.pick([30, 30, 45, 60]) },
    },
    organizer,
    attendees,
    NEUTRAL,
  );
  return id;
}
