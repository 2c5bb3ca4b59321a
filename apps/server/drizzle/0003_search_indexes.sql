-- Search (BENCHMARKS.md): VIN fragments by trigram; the customer list's page ordered from one
-- index. IF NOT EXISTS: an earlier draft of this migration created the VIN index in dev data.
CREATE INDEX IF NOT EXISTS "customers_page_idx" ON "customers" USING btree ("tenant_id","id","created_at","merged_into_id","home_store_id");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "vehicles_vin_trgm" ON "vehicles" USING gin ("vin" gin_trgm_ops);