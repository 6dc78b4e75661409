import { type Kysely, type Migration, sql } from 'kysely';

/**
 * `labeled_fact.rollup_directions text[]`: the distinct directions a fact counts under in
 * `rollup_daily` (sorted; 'broadcast' for a broadcast edge, `{none}` for a fact without edges), so
 * the rollup rule reads one table instead of joining edge_fact and grouping per fact. Filled here
 * for the facts stored before, from their edges, with the rule as it stands in rollup-rule.ts
 * (`directionsByFact`) — written out, since a migration is frozen once shipped. Writers of this
 * package set it in the statement that writes a fact and its edges; it stays nullable (null: derive
 * from edge_fact) for rows written by anything else.
 */
export const factRollupDirectionsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`alter table labeled_fact add column rollup_directions text[]`.execute(db);
    await sql`
      update labeled_fact f
      set rollup_directions = coalesce(d.directions, array['none']::text[])
      from labeled_fact g
      left join (
        select e.event_id,
               array_agg(distinct case when e.broadcast then 'broadcast' else e.direction end
                         order by case when e.broadcast then 'broadcast' else e.direction end) as directions
        from edge_fact e group by e.event_id
      ) as d on d.event_id = g.event_id
      where g.event_id = f.event_id`.execute(db);
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await sql`alter table labeled_fact drop column rollup_directions`.execute(db);
  },
};
