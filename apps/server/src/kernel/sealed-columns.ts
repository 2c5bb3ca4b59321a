// The registry of columns that hold secrets sealed by the secret box (the sweep in db/sealed.ts
// seals plain values and re-seals under a new primary key). Kept apart from the database code so
// that table files can register their columns without importing it.
//
// Convention for a new secret column: a `text` column (or a jsonb object of strings) holding
// `sealField(tenantId, field, plain)`, `field` naming table, column and row
// (`staff_totp.secret.<staff id>`), registered next to its table with `registerSealedColumn`.
export interface SealedColumn {
  table: string;
  column: string;
  /** Key columns of a row besides tenant_id (empty: one row per tenant). */
  keys: readonly string[];
  /** `text`: the column is one sealed value; `json`: an object whose string members are each sealed. */
  shape: 'text' | 'json';
  /** The field bound into the AAD for a row's key values (and the JSON member). */
  field: (key: Record<string, string>, member?: string) => string;
}

const registry: SealedColumn[] = [];

export function registerSealedColumn(c: SealedColumn): void {
  if (!registry.some((r) => r.table === c.table && r.column === c.column)) registry.push(c);
}

export const sealedColumns = (): readonly SealedColumn[] => registry;
