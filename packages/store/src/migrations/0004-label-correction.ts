import { type Kysely, type Migration, sql } from 'kysely';
import { ANALYST_ROLE, createRatioViewsOf0002 } from './0002-analytics';

/**
 * The z of a two-sided 90% interval, `normalQuantile(0.5 + DEFAULT_INTERVAL_LEVEL / 2)` of
 * @pushpull/metrics to the last bit (a test keeps them equal). Frozen here: this migration ships.
 */
export const INTERVAL_Z = 1.644853625133699;

/** The default of the metric setting `max_interval_width` (@pushpull/metrics DEFAULT_MAX_INTERVAL_WIDTH). */
const MAX_INTERVAL_WIDTH = 0.3;

/** The `setting` key naming the classifier version whose label corrections the views use. */
export const CORRECTION_VERSION_KEY = 'label_correction.version';

/** The push share above which a direction counts as push-only (@pushpull/metrics PUSH_ONLY_THRESHOLD). */
const PUSH_ONLY_THRESHOLD = 0.9;

/** Slack on the interval width, as `isRated` of @pushpull/metrics allows. */
const WIDTH_SLACK = 1e-12;

/** The class order of every correction of a kind (@pushpull/metrics MODE_LABELS, INITIATIVE_LABELS). */
const KIND_LABELS = { mode: ['push', 'pull', 'neutral'], initiative: ['responsive', 'proactive'] } as const;

/**
 * A ratio of label counts as the views estimate it, mirroring `estimateRatio` of @pushpull/metrics:
 * the observed counts are columns of `analytics_internal.source_counts`, in the correction's class
 * order; `num` ⊆ `den` are class indices.
 */
interface RatioSql {
  /** Column prefix of the ratio's figures. */
  prefix: string;
  kind: keyof typeof KIND_LABELS;
  observed: readonly string[];
  num: readonly number[];
  den: readonly number[];
  /** Only rows matching this condition count (e.g. upward proactivity: direction up). */
  where: string | null;
}

/** Push share: push / (push + pull), corrected with the mode's confusion. */
const PUSH_SHARE: RatioSql = {
  prefix: 'ps',
  kind: 'mode',
  observed: ['push', 'pull', 'neutral'],
  num: [0],
  den: [0, 1],
  where: null,
};

/** Upward proactivity: proactive / (responsive + proactive) pushes up, corrected with the initiative's. */
const UPWARD_PROACTIVITY: RatioSql = {
  prefix: 'pr',
  kind: 'initiative',
  observed: ['responsive_push', 'proactive_push'],
  num: [1],
  den: [0, 1],
  where: `direction = 'up'`,
};

const KEYS = ['person_id', 'period_kind', 'period_start', 'direction'] as const;
const COUNTS = ['push', 'pull', 'neutral', 'proactive_push', 'responsive_push'] as const;
const RATIOS: readonly RatioSql[] = [PUSH_SHARE, UPWARD_PROACTIVITY];
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** The classes a ratio's gradient touches (num ∪ den), and their pairs i ≤ i'. */
function classesOf(ratio: RatioSql): { classes: number[]; pairs: [number, number][] } {
  const classes = [...new Set([...ratio.num, ...ratio.den])].sort((a, b) => a - b);
  const pairs = classes.flatMap((i) =>
    classes.filter((i2) => i2 >= i).map((i2): [number, number] => [i, i2]),
  );
  return { classes, pairs };
}

/** Pairs of observed classes j ≤ j'. */
const classPairs = (k: number) =>
  range(k).flatMap((j) =>
    range(k)
      .filter((j2) => j2 >= j)
      .map((j2): [number, number] => [j, j2]),
  );

/**
 * `analytics_internal.correction`: one row per event source that has a correction for the classifier
 * version in use (setting `label_correction.version`), with what each ratio's estimate needs of it,
 * per ratio prefix p and classes i ≤ i' of its gradient: the inverse's rows (`p_a_i_j` = A_ij), the
 * products of two rows (`p_r_ii'_j` = A_ij·A_i'j) and the covariance of the inverse's entries as a
 * symmetric quadratic form over the observed classes (`p_b_ii'_jj'`, j ≤ j'). A kind without a row
 * reads NULL: the estimate takes identity then.
 */
function correctionViewSql(): string {
  const columns: string[] = [];
  for (const ratio of RATIOS) {
    const p = ratio.prefix;
    const k = ratio.observed.length;
    const alias = ratio.kind === 'mode' ? 'm' : 'i';
    const a = (i: number, j: number) => `(${alias}.inverse->${i}->>${j})::double precision`;
    const c = (x: number, y: number) => `(${alias}.covariance->${x}->>${y})::double precision`;
    const { classes, pairs } = classesOf(ratio);
    for (const i of classes) for (const j of range(k)) columns.push(`${a(i, j)} as ${p}_a_${i}_${j}`);
    for (const [i, i2] of pairs) {
      for (const j of range(k)) columns.push(`${a(i, j)} * ${a(i2, j)} as ${p}_r_${i}${i2}_${j}`);
      for (const [j, j2] of classPairs(k)) {
        const b =
          j === j2 ? c(i * k + j, i2 * k + j) : `${c(i * k + j, i2 * k + j2)} + ${c(i * k + j2, i2 * k + j)}`;
        columns.push(`${b} as ${p}_b_${i}${i2}_${j}${j2}`);
      }
    }
  }
  return `create view analytics_internal.correction as
    with version as (
      select value as classifier_version from setting where key = '${CORRECTION_VERSION_KEY}'
    ),
    corrected_source as (
      select distinct c.source, c.classifier_version
      from label_correction c join version v using (classifier_version)
    )
    select s.source,
           ${columns.join(',\n           ')}
    from corrected_source s
    left join label_correction m
      on m.classifier_version = s.classifier_version and m.source = s.source and m.kind = 'mode'
    left join label_correction i
      on i.classifier_version = s.classifier_version and i.source = s.source and i.kind = 'initiative'`;
}

/**
 * A view of corrected ratios with their intervals per `keys`, from the per-source counts of
 * `analytics_internal.source_counts`: the SQL form of `estimateRatio` (@pushpull/metrics), same
 * smoothing, same variance, same clipping, rearranged so that one window and one aggregate do it.
 *
 * Per source row (observed o, smoothed o' = o + s on the denominator's classes, s = (its volume /
 * the group's volume) · z²/2, inverse A, covariance C of A's entries) it sums, per group:
 * - point and centre true counts: Σ max(0, (A·o)_i), Σ max(0, (A·o')_i) over num and den classes;
 * - for each pair of classes i ≤ i' of num ∪ den: X_ii' = Σ_j A_ij A_i'j o'_j − T_i T_i' / m
 *   + Σ_j Σ_j' o'_j o'_j' C_(ij)(i'j') (T = A·o', m = Σ o').
 * The delta-method variance of the ratio r is then Σ_i Σ_i' c_i c_i' X_ii' with c_i = [i ∈ num] −
 * r·[i ∈ den]: the gradient of N − rD, as in the TypeScript, summed in another order.
 */
function estimateViewSql(name: string, keys: readonly string[], ratios: readonly RatioSql[]): string {
  const window = `partition by ${keys.map((k) => `b.${k}`).join(', ')}`;
  const baseColumns: string[] = [];
  const aggColumns: string[] = [];
  const finalColumns: string[] = [];
  for (const ratio of ratios) {
    const p = ratio.prefix;
    const k = ratio.observed.length;
    const { pairs } = classesOf(ratio);
    const vp = ratio.den.map((j) => `b.${ratio.observed[j]}`).join(' + ');
    const s = `case when sum(${vp}) over w > 0
                 then (${vp})::double precision / sum(${vp}) over w * ${INTERVAL_Z} * ${INTERVAL_Z} / 2
                 else 0 end`;
    baseColumns.push(`(${vp})::double precision as ${p}_vp`);
    for (const j of range(k)) {
      const o = `b.${ratio.observed[j]}::double precision`;
      baseColumns.push(`${o} as ${p}_o${j}`);
      baseColumns.push(ratio.den.includes(j) ? `${o} + ${s} as ${p}_so${j}` : `${o} as ${p}_so${j}`);
    }

    // Correction entries, identity where the source has none.
    const a = (i: number, j: number) => `coalesce(c.${p}_a_${i}_${j}, ${i === j ? 1 : 0})`;
    const rr = (i: number, i2: number, j: number) =>
      `coalesce(c.${p}_r_${i}${i2}_${j}, ${i === j && i2 === j ? 1 : 0})`;
    const bb = (i: number, i2: number, j: number, j2: number) => `coalesce(c.${p}_b_${i}${i2}_${j}${j2}, 0)`;
    const o = (j: number) => `a.${p}_o${j}`;
    const so = (j: number) => `a.${p}_so${j}`;
    const dot = (i: number, v: (j: number) => string) =>
      `(${range(k)
        .map((j) => `${a(i, j)} * ${v(j)}`)
        .join(' + ')})`;
    const m = `(${range(k).map(so).join(' + ')})`;
    const sum = (expr: string) => `sum(${expr})${ratio.where ? ` filter (where a.${ratio.where})` : ''}`;
    const clipped = (classes: readonly number[], v: (j: number) => string) =>
      classes.map((i) => `greatest(0, ${dot(i, v)})`).join(' + ');
    aggColumns.push(`${sum(`a.${p}_vp`)} as ${p}_volume`);
    aggColumns.push(`${sum(ratio.num.map(o).join(' + '))} as ${p}_rawn`);
    aggColumns.push(`${sum(clipped(ratio.num, o))} as ${p}_pn`);
    aggColumns.push(`${sum(clipped(ratio.den, o))} as ${p}_pd`);
    aggColumns.push(`${sum(clipped(ratio.num, so))} as ${p}_cn`);
    aggColumns.push(`${sum(clipped(ratio.den, so))} as ${p}_cd`);
    for (const [i, i2] of pairs) {
      const multinomial = range(k)
        .map((j) => `${rr(i, i2, j)} * ${so(j)}`)
        .join(' + ');
      const confusion = classPairs(k)
        .map(([j, j2]) => `${bb(i, i2, j, j2)} * ${so(j)} * ${so(j2)}`)
        .join(' + ');
      const row = `${multinomial} + ${confusion} - case when ${m} > 0 then ${dot(i, so)} * ${dot(i2, so)} / ${m} else 0 end`;
      aggColumns.push(`${sum(row)} as ${p}_x${i}${i2}`);
    }

    const r = `least(1, greatest(0, g.${p}_cn / g.${p}_cd))`;
    const coef = (i: number) => `(${ratio.num.includes(i) ? 1 : 0} - ${ratio.den.includes(i) ? r : '0'})`;
    const variance = pairs
      .map(([i, i2]) => `${i === i2 ? '' : '2 * '}${coef(i)} * ${coef(i2)} * g.${p}_x${i}${i2}`)
      .join(' + ');
    const se = `(sqrt(greatest(0, ${variance})) / g.${p}_cd)`;
    const corrected = `case when g.${p}_volume > 0 and g.${p}_pd > 0
                        then least(1, greatest(0, g.${p}_pn / g.${p}_pd)) end`;
    const interval = `g.${p}_volume > 0 and g.${p}_cd > 0`;
    finalColumns.push(
      `g.${p}_volume::integer as ${p}_volume`,
      `case when g.${p}_volume > 0 then g.${p}_rawn / g.${p}_volume end as ${p}_raw`,
      `${corrected} as ${p}_corrected`,
      `case when ${interval} then least(least(1, greatest(0, ${r} - ${INTERVAL_Z} * ${se})), ${corrected}) end as ${p}_low`,
      `case when ${interval} then greatest(least(1, greatest(0, ${r} + ${INTERVAL_Z} * ${se})), ${corrected}) end as ${p}_high`,
    );
  }
  const keyList = (alias: string) => keys.map((k) => `${alias}.${k}`).join(', ');
  // The window function makes the outer level a fence: each figure is computed once per row (a plain
  // projection would be merged into every query that reads it, its expressions copied into each use),
  // while conditions on the keys (partition columns) still reach the counts below.
  return `create view analytics_internal.${name} as
    select ${keyList('g')}, ${COUNTS.map((c) => `g.${c}`).join(', ')},
           ${finalColumns.join(',\n           ')},
           count(*) over (partition by ${keyList('g')}) as fence
    from (
      select ${keyList('a')}, ${COUNTS.map((c) => `sum(a.${c})::integer as ${c}`).join(', ')},
             ${aggColumns.join(',\n             ')}
      from (
        select ${keyList('b')},${keys.includes('source') ? '' : ' b.source,'} ${COUNTS.map((c) => `b.${c}`).join(', ')},
               ${baseColumns.join(',\n               ')}
        from analytics_internal.source_counts b
        window w as (${window})
      ) a
      left join analytics_internal.correction c on c.source = a.source
      group by ${keyList('a')}
    ) g`;
}

/** The settings the views rate with, as one row `s` (0008 reads it too). */
export const SETTINGS = `(
  select max(value) filter (where key = 'min_volume') as min_volume,
         max(value) filter (where key = 'max_interval_width') as max_interval_width
  from metric_setting
) s`;

/** SQL true when the estimate `p` of row `e` is a figure (`isRated` of @pushpull/metrics; 0008 reads it too). */
export const rated = (e: string, p: string) =>
  `(${e}.${p}_volume > 0 and ${e}.${p}_volume >= s.min_volume and ${e}.${p}_corrected is not null
    and ${e}.${p}_low is not null and ${e}.${p}_high is not null
    and ${e}.${p}_high - ${e}.${p}_low <= s.max_interval_width + ${WIDTH_SLACK})`;

/** The corrected figure and interval of estimate `p`, NULL when not rated ("not enough data"). */
const ratedColumns = (e: string, p: string, as: string) => [
  `case when ${rated(e, p)} then ${e}.${p}_corrected end as ${as}_corrected`,
  `case when ${rated(e, p)} then ${e}.${p}_low end as ${as}_low`,
  `case when ${rated(e, p)} then ${e}.${p}_high end as ${as}_high`,
];

/**
 * Label corrections (issue 12): the table `label_correction` (each event source's correction of the
 * classifier's mode and initiative labels, per classifier version; written by the runtime from the
 * classifier's published confusion), the metric setting `max_interval_width`, and the analytics views
 * with corrected figures and 90% intervals beside the raw ones: `balance` and `balance_by_source` gain
 * `push_share_corrected`/`_low`/`_high`, `leader_profile` gains `_corrected`/`_low`/`_high` of every
 * ratio and decides its bands on the intervals. The maths lives in the schema `analytics_internal`
 * (no grants: analysts read it only through the views), computing what `estimateRatio`,
 * `leaderEstimates` and `bandOfInterval` of @pushpull/metrics compute (a contract test holds them
 * equal to 1e-9). Runs unchanged on PGlite.
 */
export const labelCorrectionMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`create table label_correction (
      classifier_version text not null,
      source text not null,
      kind text not null,
      labels jsonb not null,
      inverse jsonb not null,
      covariance jsonb not null,
      items double precision not null default 0,
      updated_at timestamptz not null default now(),
      constraint label_correction_pk primary key (classifier_version, source, kind),
      constraint label_correction_labels_check check (
        (kind = 'mode' and labels = ${sql.lit(JSON.stringify(KIND_LABELS.mode))}::jsonb)
        or (kind = 'initiative' and labels = ${sql.lit(JSON.stringify(KIND_LABELS.initiative))}::jsonb)),
      constraint label_correction_shape_check check (
        jsonb_typeof(inverse) = 'array' and jsonb_typeof(covariance) = 'array'
        and jsonb_array_length(inverse) = jsonb_array_length(labels)
        and jsonb_array_length(covariance) = jsonb_array_length(labels) * jsonb_array_length(labels)),
      constraint label_correction_items_check check (items >= 0)
    )`.execute(db);

    await sql`insert into metric_setting (key, value)
      values ('max_interval_width', ${sql.lit(MAX_INTERVAL_WIDTH)})
      on conflict (key) do nothing`.execute(db);

    await sql`create schema analytics_internal`.execute(db);
    await sql`revoke all on schema analytics_internal from public`.execute(db);

    // The counts of balance_by_source as 0002 computed them: person × period × direction × source.
    await sql`create view analytics_internal.source_counts as
      select r.person_id, k.period_kind,
             date_trunc(k.period_kind, r.day::timestamp)::date as period_start,
             r.direction, r.source,
             coalesce(sum(r.events) filter (where r.mode = 'push'), 0)::integer as push,
             coalesce(sum(r.events) filter (where r.mode = 'pull'), 0)::integer as pull,
             coalesce(sum(r.events) filter (where r.mode = 'neutral'), 0)::integer as neutral,
             coalesce(sum(r.events) filter (where r.mode = 'push' and r.initiative = 'proactive'), 0)::integer
               as proactive_push,
             coalesce(sum(r.events) filter (where r.mode = 'push' and r.initiative = 'responsive'), 0)::integer
               as responsive_push
      from rollup_daily r cross join (values ('week'), ('month'), ('quarter')) as k(period_kind)
      group by r.person_id, k.period_kind, date_trunc(k.period_kind, r.day::timestamp), r.direction, r.source`.execute(
      db,
    );
    await sql.raw(correctionViewSql()).execute(db);
    // Per person × period × direction, every source with its own correction.
    await sql.raw(estimateViewSql('estimate', KEYS, RATIOS)).execute(db);
    // Per person × period × direction × source: each source alone.
    await sql.raw(estimateViewSql('source_estimate', [...KEYS, 'source'], [PUSH_SHARE])).execute(db);

    const rawShare = (e: string) =>
      `case when ${e}.push + ${e}.pull > 0 and ${e}.push + ${e}.pull >= s.min_volume
            then ${e}.push::double precision / (${e}.push + ${e}.pull) end`;

    await sql
      .raw(`create or replace view analytics.balance_by_source as
      select e.person_id, e.period_kind, e.period_start, e.direction, e.source,
             e.push, e.pull, e.neutral, e.proactive_push, e.responsive_push,
             ${rawShare('e')} as push_share,
             ${ratedColumns('e', 'ps', 'push_share').join(',\n             ')}
      from analytics_internal.source_estimate e cross join ${SETTINGS}`)
      .execute(db);

    await sql
      .raw(`create or replace view analytics.balance as
      select e.person_id, e.period_kind, e.period_start, e.direction,
             e.push, e.pull, e.neutral, e.proactive_push, e.responsive_push,
             ${rawShare('e')} as push_share,
             ${ratedColumns('e', 'ps', 'push_share').join(',\n             ')}
      from analytics_internal.estimate e cross join ${SETTINGS}`)
      .execute(db);

    const band = (direction: string) => `case when o.${direction}_low is null then 'not enough data'
                  when o.${direction}_low > s.${direction}_high then 'too pushy'
                  when o.${direction}_high < s.${direction}_low then 'too pully' else 'in band' end`;
    const PEOPLE = `('up', 'down', 'peer', 'lateral', 'external')`;
    await sql
      .raw(`create or replace view analytics.leader_profile as
      with s as (
        select max(value) filter (where key = 'min_volume') as min_volume,
               max(value) filter (where key = 'max_interval_width') as max_interval_width,
               max(value) filter (where key = 'band_up_low') as up_low,
               max(value) filter (where key = 'band_up_high') as up_high,
               max(value) filter (where key = 'band_down_low') as down_low,
               max(value) filter (where key = 'band_down_high') as down_high,
               max(value) filter (where key = 'band_peer_low') as peer_low,
               max(value) filter (where key = 'band_peer_high') as peer_high,
               max(value) filter (where key = 'band_external_low') as external_low,
               max(value) filter (where key = 'band_external_high') as external_high
        from metric_setting
      ),
      person as (select person_id, manager_person_id, is_leader from analytics.person),
      -- Whose figures each person's rows feed: a leader's own, and their manager's team figure.
      member as (
        select p.person_id, p.person_id as leader_id, true as own from person p where p.is_leader
        union all
        select p.person_id, p.manager_person_id as leader_id, false as own
        from person p join person l on l.person_id = p.manager_person_id
        where l.is_leader
      ),
      e as (
        select e.person_id, e.period_kind, e.period_start, e.direction, e.push, e.pull, e.proactive_push,
               ${rawShare('e')} as push_share,
               case when e.push > 0 and e.push >= s.min_volume
                    then e.proactive_push::double precision / e.push end as proactivity,
               e.ps_corrected, e.ps_low, e.ps_high, ${rated('e', 'ps')} as ps_rated,
               e.pr_corrected, e.pr_low, e.pr_high, ${rated('e', 'pr')} as pr_rated
        from analytics_internal.estimate e cross join s
      ),
      -- One row per leader × period in which the leader or a direct report was active.
      f as (
        select m.leader_id as person_id, e.period_kind, e.period_start,
               sum(e.push) filter (where m.own and e.direction = 'up') as up_push,
               sum(e.proactive_push) filter (where m.own and e.direction = 'up') as up_proactive,
               sum(e.pull) filter (where m.own and e.direction = 'down') as down_pull,
               sum(e.push + e.pull) filter (where m.own and e.direction = 'down') as down_volume,
               sum(e.pull) filter (where m.own and e.direction = 'external') as external_pull,
               sum(e.push + e.pull) filter (where m.own and e.direction = 'external') as external_volume,
               count(*) filter (where m.own and e.direction in ${PEOPLE} and e.push_share is not null)
                 as rated_directions,
               coalesce(bool_and(e.push_share > ${PUSH_ONLY_THRESHOLD})
                          filter (where m.own and e.direction in ${PEOPLE} and e.push_share is not null), false)
                 as all_pushy,
               max(e.pr_corrected) filter (where m.own and e.direction = 'up' and e.pr_rated) as up_proactivity_corrected,
               max(e.pr_low) filter (where m.own and e.direction = 'up' and e.pr_rated) as up_proactivity_low,
               max(e.pr_high) filter (where m.own and e.direction = 'up' and e.pr_rated) as up_proactivity_high,
               max(e.ps_corrected) filter (where m.own and e.direction = 'down' and e.ps_rated) as down_corrected,
               max(e.ps_corrected) filter (where m.own and e.direction = 'external' and e.ps_rated)
                 as external_corrected,
               ${['up', 'down', 'peer', 'external']
                 .flatMap((d) => [
                   `max(e.ps_low) filter (where m.own and e.direction = '${d}' and e.ps_rated) as ${d}_low`,
                   `max(e.ps_high) filter (where m.own and e.direction = '${d}' and e.ps_rated) as ${d}_high`,
                 ])
                 .join(',\n               ')},
               count(*) filter (where m.own and e.direction in ${PEOPLE} and e.ps_rated)
                 as rated_directions_corrected,
               coalesce(bool_and(e.ps_corrected > ${PUSH_ONLY_THRESHOLD})
                          filter (where m.own and e.direction in ${PEOPLE} and e.ps_rated), false)
                 as all_pushy_corrected,
               percentile_cont(0.5) within group (order by e.proactivity)
                 filter (where not m.own and e.direction = 'up') as team_upward_proactivity,
               percentile_cont(0.5) within group (order by e.pr_corrected)
                 filter (where not m.own and e.direction = 'up' and e.pr_rated) as team_corrected,
               percentile_cont(0.5) within group (order by e.pr_low)
                 filter (where not m.own and e.direction = 'up' and e.pr_rated) as team_low,
               percentile_cont(0.5) within group (order by e.pr_high)
                 filter (where not m.own and e.direction = 'up' and e.pr_rated) as team_high
        from e join member m on m.person_id = e.person_id
        group by m.leader_id, e.period_kind, e.period_start
      )
      select o.person_id, o.period_kind, o.period_start,
             case when o.up_push > 0 and o.up_push >= s.min_volume
                  then o.up_proactive::double precision / o.up_push end as upward_proactivity,
             case when o.down_volume > 0 and o.down_volume >= s.min_volume
                  then o.down_pull::double precision / o.down_volume end as downward_pull_share,
             case when o.external_volume > 0 and o.external_volume >= s.min_volume
                  then o.external_pull::double precision / o.external_volume end as external_pull_share,
             coalesce(o.all_pushy and o.rated_directions >= 2, false) as push_only,
             o.team_upward_proactivity,
             ${band('up')} as band_up,
             ${band('down')} as band_down,
             ${band('peer')} as band_peer,
             ${band('external')} as band_external,
             o.up_proactivity_corrected as upward_proactivity_corrected,
             o.up_proactivity_low as upward_proactivity_low,
             o.up_proactivity_high as upward_proactivity_high,
             1 - o.down_corrected as downward_pull_share_corrected,
             1 - o.down_high as downward_pull_share_low,
             1 - o.down_low as downward_pull_share_high,
             1 - o.external_corrected as external_pull_share_corrected,
             1 - o.external_high as external_pull_share_low,
             1 - o.external_low as external_pull_share_high,
             o.team_corrected as team_upward_proactivity_corrected,
             o.team_low as team_upward_proactivity_low,
             o.team_high as team_upward_proactivity_high,
             coalesce(o.all_pushy_corrected and o.rated_directions_corrected >= 2, false) as push_only_corrected
      from f o cross join s`)
      .execute(db);
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await sql`drop view analytics.leader_profile, analytics.balance, analytics.balance_by_source`.execute(db);
    await createRatioViewsOf0002(db);
    await sql`do $$
      begin
        if exists (select from pg_roles where rolname = ${sql.lit(ANALYST_ROLE)}) then
          grant select on all tables in schema analytics to ${sql.id(ANALYST_ROLE)};
        end if;
      end
    $$`.execute(db);
    await sql`drop schema analytics_internal cascade`.execute(db);
    await sql`delete from metric_setting where key = 'max_interval_width'`.execute(db);
    await sql`delete from setting where key = ${CORRECTION_VERSION_KEY}`.execute(db);
    await db.schema.dropTable('label_correction').ifExists().execute();
  },
};
