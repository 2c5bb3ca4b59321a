// Generated tenants rendered to COPY text, cut into batches of whole chunks: what one COPY
// round (one transaction) of the generator sends. Pure and deterministic, used both by the
// generator's worker thread and, for the baseline, to pre-render the same rows in memory.
import { arrayLiteral, escapeCopyText } from './copy-text.ts';
import { COPY_TABLES, TABLES, type ColumnKind, type RowOf, type TableName } from './tables.ts';
import { generateTenant } from './tenant-data.ts';

export interface RunSpec {
  seed: number;
  tenants: number;
  customersPerTenant: number;
  /** Epoch ms of "now" for the generated history (fixed, so the run is reproducible). */
  nowMs: number;
  slugPrefix: string;
  chunkSize: number;
  passwordHash: string;
  /** Start a new batch once this many rows are pending. */
  batchRows: number;
}

export interface TableChunk {
  table: TableName;
  rows: number;
  /** UTF-8 COPY text, whole lines. */
  data: Uint8Array[];
}

export interface Batch {
  tables: TableChunk[];
  rows: number;
  bytes: number;
  /** Tenants fully generated once this batch is written. */
  tenantsDone: number;
}

export const tenantSlug = (prefix: string, index: number): string =>
  `${prefix}-${String(index + 1).padStart(5, '0')}`;

const encoder = new TextEncoder();
/** Characters (UTF-16 units) of COPY text per encoded part. */
const PART_CHARS = 1 << 18;

class Pending {
  rows = 0;
  text = '';
  data: Uint8Array[] = [];
  bytes = 0;
  seal(): void {
    if (!this.text) return;
    const part = encoder.encode(this.text);
    this.data.push(part);
    this.bytes += part.byteLength;
    this.text = '';
  }
}

type Encoder = (h: typeof HELPERS, row: unknown) => string;

const HELPERS = {
  escape: escapeCopyText,
  array: (v: readonly string[]) => escapeCopyText(arrayLiteral(v)),
};

const FIELD: Record<ColumnKind, (v: string) => string> = {
  raw: (v) => `(${v} == null ? '\\\\N' : ${v})`,
  number: (v) => `(${v} == null ? '\\\\N' : '' + ${v})`,
  instant: (v) => `(${v} == null ? '\\\\N' : ${v}.toISOString())`,
  text: (v) => `(${v} == null ? '\\\\N' : h.escape(${v}))`,
  array: (v) => `(${v} == null ? '\\\\N' : h.array(${v}))`,
};

// One encoder per table, compiled from its column list and types: plain property reads keep
// the row objects' shapes monomorphic, and no value's type is tested at run time.
const ENCODERS = Object.fromEntries(
  TABLES.map((t) => {
    const { keys, kinds } = COPY_TABLES[t];
    const body = keys
      .map((k, i) => FIELD[kinds[i] as ColumnKind](`r[${JSON.stringify(k)}]`))
      .join(" + '\\t' + ");
    return [t, new Function('h', 'r', `return ${body} + '\\n';`) as Encoder];
  }),
) as Record<TableName, Encoder>;

/** COPY text of one row, in the table's column order. */
export const encodeRow = <N extends TableName>(table: N, row: RowOf<N>): string =>
  ENCODERS[table](HELPERS, row);

export function* batches(spec: RunSpec): Generator<Batch, void> {
  let pending = new Map<TableName, Pending>();
  let rows = 0;
  const emit = <N extends TableName>(table: N, row: RowOf<N>): void => {
    let p = pending.get(table);
    if (!p) pending.set(table, (p = new Pending()));
    p.text += encodeRow(table, row);
    p.rows++;
    rows++;
    if (p.text.length >= PART_CHARS) p.seal();
  };
  const cut = (tenantsDone: number): Batch => {
    const tables: TableChunk[] = [];
    let bytes = 0;
    for (const table of TABLES) {
      const p = pending.get(table);
      if (!p) continue;
      p.seal();
      tables.push({ table, rows: p.rows, data: p.data });
      bytes += p.bytes;
    }
    const batch = { tables, rows, bytes, tenantsDone };
    pending = new Map();
    rows = 0;
    return batch;
  };

  let first = true;
  for (let index = 0; index < spec.tenants; index++) {
    const chunks = generateTenant(
      {
        seed: spec.seed,
        index,
        customers: spec.customersPerTenant,
        now: new Date(spec.nowMs),
        slug: tenantSlug(spec.slugPrefix, index),
        chunkSize: spec.chunkSize,
        passwordHash: spec.passwordHash,
      },
      emit,
    );
    for (let step = chunks.next(); !step.done; step = chunks.next()) {
      const tenantDone = step.value >= spec.customersPerTenant;
      // The first batch is one chunk, so that the database starts working early.
      if (rows >= (first ? 1 : spec.batchRows)) {
        first = false;
        yield cut(tenantDone ? index + 1 : index);
      }
    }
  }
  if (rows > 0) yield cut(spec.tenants);
}
