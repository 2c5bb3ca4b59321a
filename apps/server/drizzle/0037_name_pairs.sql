-- Search (BENCHMARKS.md): a name fragment of two characters ("张伟") has no trigram; the pairs of
-- consecutive characters of each name, in a GIN index, find it the way trigrams find longer ones.
-- The pair '张伟' is among a name's pairs exactly when the name contains it.
CREATE OR REPLACE FUNCTION liuke_name_pairs(s text) RETURNS text[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT coalesce(array_agg(DISTINCT substr(s, i, 2)), '{}'::text[])
        FROM generate_series(1, char_length(s) - 1) AS i $$;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "customers_name_pairs" ON "customers" USING gin (liuke_name_pairs("name"));
