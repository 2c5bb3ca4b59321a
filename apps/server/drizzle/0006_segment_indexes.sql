DROP INDEX "declined_recommendations_tenant_created_idx";--> statement-breakpoint
ALTER TABLE "vehicles" ADD COLUMN "make_key" text GENERATED ALWAYS AS (lower(make)) STORED;--> statement-breakpoint
ALTER TABLE "vehicles" ADD COLUMN "model_year" integer GENERATED ALWAYS AS (coalesce(year, extract(year from registration_date)::int)) STORED;--> statement-breakpoint
ALTER TABLE "declined_recommendations" ADD COLUMN "customer_id" uuid;--> statement-breakpoint
-- Hand-written: the customer who declined — the order's customer, else the car's owner now.
UPDATE "declined_recommendations" d SET "customer_id" = v."customer_id" FROM "vehicles" v WHERE v."tenant_id" = d."tenant_id" AND v."id" = d."vehicle_id";--> statement-breakpoint
UPDATE "declined_recommendations" d SET "customer_id" = o."customer_id" FROM "service_orders" o WHERE o."tenant_id" = d."tenant_id" AND o."id" = d."order_id" AND o."customer_id" <> d."customer_id";--> statement-breakpoint
ALTER TABLE "declined_recommendations" ALTER COLUMN "customer_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "declined_recommendations" ADD CONSTRAINT "declined_recommendations_tenant_id_customer_id_customers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "vehicles_make_owner_idx" ON "vehicles" USING btree ("tenant_id","make_key","customer_id");--> statement-breakpoint
CREATE INDEX "vehicles_fuel_owner_idx" ON "vehicles" USING btree ("tenant_id","fuel_type","customer_id");--> statement-breakpoint
CREATE INDEX "vehicles_year_owner_idx" ON "vehicles" USING btree ("tenant_id","model_year","customer_id");--> statement-breakpoint
CREATE INDEX "declined_recommendations_tenant_created_idx" ON "declined_recommendations" USING btree ("tenant_id","created_at","category","customer_id");