-- Extensions the schema relies on; both PGlite (bundled contrib) and PostgreSQL 15+ have them.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
