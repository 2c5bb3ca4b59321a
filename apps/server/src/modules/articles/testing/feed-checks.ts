// Checks the site's tests share: XML well-formedness by PostgreSQL's own parser (libxml2, not
// the library that wrote the feed), and HTML text decoded back to plain text.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../../db/database.ts';
import type { TestEnv } from '../../../testing/harness.ts';

export async function wellFormedXml(env: TestEnv, xml: string): Promise<boolean> {
  const [row] = await queryRows<{ ok: boolean }>(
    env.database.db,
    sql`select xml_is_well_formed_document(${xml}) as ok`,
  );
  return row?.ok === true;
}

const ENTITIES: Record<string, string> = {
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&#96;': '`',
  '&amp;': '&',
};

/** The text an HTML-escaped string stands for. */
export const unescapeHtml = (s: string) =>
  s.replace(/&(?:lt|gt|quot|#39|#96|amp);/g, (e) => ENTITIES[e]!);
