CREATE TABLE "customer_car_facets" (
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"model_years" integer[] DEFAULT '{}' NOT NULL,
	"min_model_year" integer,
	"max_model_year" integer,
	CONSTRAINT "customer_car_facets_tenant_id_customer_id_pk" PRIMARY KEY("tenant_id","customer_id")
);
--> statement-breakpoint
DROP INDEX "vehicles_year_owner_idx";--> statement-breakpoint
ALTER TABLE "customer_car_facets" ADD CONSTRAINT "customer_car_facets_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customer_car_facets_oldest_idx" ON "customer_car_facets" USING btree ("tenant_id","min_model_year","customer_id");--> statement-breakpoint
CREATE INDEX "customer_car_facets_newest_idx" ON "customer_car_facets" USING btree ("tenant_id","max_model_year","customer_id");--> statement-breakpoint
-- Hand-written: the model years of one customer's cars, recomputed from their cars (no row without a car).
CREATE OR REPLACE FUNCTION liuke_refresh_car_facets(p_tenant uuid, p_customer uuid) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO customer_car_facets AS f (tenant_id, customer_id, model_years, min_model_year, max_model_year)
  SELECT p_tenant, p_customer,
    coalesce(array_agg(DISTINCT v.model_year) FILTER (WHERE v.model_year IS NOT NULL), '{}'),
    min(v.model_year), max(v.model_year)
  FROM vehicles v WHERE v.tenant_id = p_tenant AND v.customer_id = p_customer
  HAVING count(*) > 0
  ON CONFLICT (tenant_id, customer_id) DO UPDATE SET model_years = excluded.model_years,
    min_model_year = excluded.min_model_year, max_model_year = excluded.max_model_year;
  DELETE FROM customer_car_facets f WHERE f.tenant_id = p_tenant AND f.customer_id = p_customer
    AND NOT EXISTS (SELECT 1 FROM vehicles v WHERE v.tenant_id = p_tenant AND v.customer_id = p_customer);
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION liuke_vehicles_car_facets() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM liuke_refresh_car_facets(OLD.tenant_id, OLD.customer_id);
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.customer_id IS DISTINCT FROM OLD.customer_id) THEN
    PERFORM liuke_refresh_car_facets(NEW.tenant_id, NEW.customer_id);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER vehicles_car_facets AFTER INSERT OR DELETE OR UPDATE OF customer_id, year, registration_date
  ON vehicles FOR EACH ROW EXECUTE FUNCTION liuke_vehicles_car_facets();--> statement-breakpoint
INSERT INTO customer_car_facets (tenant_id, customer_id, model_years, min_model_year, max_model_year)
SELECT v.tenant_id, v.customer_id,
  coalesce(array_agg(DISTINCT v.model_year) FILTER (WHERE v.model_year IS NOT NULL), '{}'),
  min(v.model_year), max(v.model_year)
FROM vehicles v GROUP BY v.tenant_id, v.customer_id;
