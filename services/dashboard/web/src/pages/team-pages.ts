import { api, withPeriod } from '../api';
import { type Figure, figureCell, h, link, numCell, pct } from '../dom';

const DIRS = ['up', 'down', 'peer', 'external'] as const;

interface TeamList {
  minGroupSize: number;
  teams: {
    leaderPersonId: string;
    leaderName: string;
    members: number;
    open: boolean;
    refusal: string | null;
  }[];
}
interface Team {
  leader: { personId: string; name: string };
  period: { name: string; from: string; to: string };
  minVolume: number;
  members: number;
  membersFullPeriod: number;
  directions: Record<
    (typeof DIRS)[number],
    {
      push: number | null;
      pull: number | null;
      volume: number | null;
      pushShare: number | null;
      figure: Figure | null;
      withheld: string | null;
    }
  >;
  upwardProactivity: number | null;
  upwardVolume: number | null;
  upwardFigure: Figure | null;
  upwardWithheld: string | null;
  cultureMedian: number | null;
  cultureLow: number | null;
  cultureHigh: number | null;
  cultureCertainty: string;
  cultureWithheld: string | null;
  membersWithData: number;
  memberRows?: {
    personId: string;
    name: string;
    upwardProactivity: number | null;
    upwardVolume: number;
    figure: Figure;
  }[];
}

/** The teams the user may see (locked ones with the reason). */
export async function teamsPage(root: HTMLElement): Promise<void> {
  const list = await api<TeamList>(withPeriod('/api/teams'));
  root.replaceChildren(
    h('h1', {}, 'Teams'),
    h(
      'p',
      { class: 'lead' },
      `A team is a leader's direct reports. Teams below ${list.minGroupSize} members are shown only to admins, ` +
        `and a team figure needs ${list.minGroupSize} members with data (present for the whole period).`,
    ),
    h(
      'table',
      { 'data-testid': 'teams' },
      h('thead', {}, h('tr', {}, h('th', {}, 'team of'), h('th', {}, 'members'), h('th', {}, ''))),
      h(
        'tbody',
        {},
        ...list.teams.map((t) =>
          h(
            'tr',
            { 'data-id': t.leaderPersonId },
            h('td', {}, t.open ? link(['team', t.leaderPersonId], t.leaderName) : t.leaderName),
            numCell(t.members, 'members'),
            h('td', { class: 'nd' }, t.refusal ?? ''),
          ),
        ),
      ),
    ),
  );
}

/** One team's aggregates. */
export async function teamPage(root: HTMLElement, leaderId: string): Promise<void> {
  const t = await api<Team>(withPeriod(`/api/teams/${encodeURIComponent(leaderId)}`));
  root.replaceChildren(
    h('h1', { 'data-testid': 'team-name' }, `Team of ${t.leader.name}`),
    h(
      'p',
      { class: 'lead' },
      `${t.members} members, ${t.membersFullPeriod} of them for the whole period (the figures count only those) · ` +
        `${t.period.from} – ${t.period.to} (exclusive) · minimum volume ${t.minVolume}`,
    ),
    h(
      'table',
      { 'data-testid': 'team-directions' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, 'direction'),
          h('th', {}, 'push'),
          h('th', {}, 'pull'),
          h('th', {}, 'push share'),
        ),
      ),
      h(
        'tbody',
        {},
        ...DIRS.map((d) => {
          const f = t.directions[d];
          if (f.withheld || !f.figure) {
            return h(
              'tr',
              { 'data-direction': d },
              h('th', {}, d),
              h('td', { class: 'nd', colspan: '3', 'data-field': 'withheld' }, `withheld: ${f.withheld}`),
            );
          }
          return h(
            'tr',
            { 'data-direction': d },
            h('th', {}, d),
            numCell(f.push ?? 0, 'push'),
            numCell(f.pull ?? 0, 'pull'),
            figureCell(f.figure, 'pushShare'),
          );
        }),
      ),
    ),
    h(
      'dl',
      { 'data-testid': 'team-upward' },
      h('dt', {}, 'Upward proactivity of the team'),
      h(
        'dd',
        { 'data-field': 'upwardProactivity' },
        t.upwardWithheld || !t.upwardFigure
          ? `withheld: ${t.upwardWithheld}`
          : `${pct(t.upwardProactivity)} (n=${t.upwardVolume}${t.upwardFigure.low === null ? '' : `, 90%: ${pct(t.upwardFigure.low)}–${pct(t.upwardFigure.high)}`})`,
      ),
      h('dt', {}, 'Team culture (median of members)'),
      h(
        'dd',
        { 'data-field': 'cultureMedian' },
        t.cultureWithheld
          ? `withheld: ${t.cultureWithheld}`
          : `${pct(t.cultureMedian)} (${t.membersWithData} of ${t.membersFullPeriod} members with enough data)`,
        h('div', { class: 'why', 'data-field': 'certainty' }, t.cultureCertainty),
      ),
    ),
    t.memberRows
      ? h(
          'table',
          { 'data-testid': 'team-members' },
          h('thead', {}, h('tr', {}, h('th', {}, 'member'), h('th', {}, 'upward proactivity'))),
          h(
            'tbody',
            {},
            ...t.memberRows.map((m) =>
              h(
                'tr',
                { 'data-id': m.personId },
                h('td', {}, m.name),
                figureCell(m.figure, 'upwardProactivity'),
              ),
            ),
          ),
        )
      : '',
  );
}
