// How the schema is spread over a Citus cluster when one PostgreSQL server is outgrown (see
// ARCHITECTURE.md, "Outgrowing one server"): every tenant table is distributed by tenant_id, all
// co-located (a tenant's rows of every table on the same node, so joins, foreign keys, triggers
// and a request's transaction stay on one node); the few global tables are reference tables,
// copied to every node. The distribution test holds the live schema to this plan.
import type { Db } from './database.ts';
import { dataTables } from './portable.ts';

export const DISTRIBUTION_COLUMN = 'tenant_id';

/**
 * Reference tables: small, read by every tenant's queries, unique across the installation.
 * `tenants` holds the global key `slug` (tenant codes are unique per installation), which a
 * distributed table could not keep unique.
 */
export const REFERENCE_TABLES: readonly string[] = ['tenants'];

/**
 * The statements that distribute the schema: reference tables first, then every other table in
 * foreign-key order (Citus wants a referenced table distributed before the table referring to it).
 */
export async function citusStatements(db: Db): Promise<string[]> {
  const names = (await dataTables(db)).map((t) => t.name);
  const distributed = names.filter((n) => !REFERENCE_TABLES.includes(n));
  const [first, ...rest] = distributed;
  return [
    ...REFERENCE_TABLES.map((t) => `SELECT create_reference_table('${t}');`),
    ...(first ? [`SELECT create_distributed_table('${first}', '${DISTRIBUTION_COLUMN}');`] : []),
    ...rest.map(
      (t) =>
        `SELECT create_distributed_table('${t}', '${DISTRIBUTION_COLUMN}', colocate_with => '${first}');`,
    ),
  ];
}
