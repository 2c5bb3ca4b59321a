CREATE TABLE "analytics_firsts" (
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"store_key" uuid NOT NULL,
	"first_day" date NOT NULL,
	"second_day" date,
	CONSTRAINT "analytics_firsts_tenant_id_customer_id_store_key_pk" PRIMARY KEY("tenant_id","customer_id","store_key")
);
--> statement-breakpoint
CREATE TABLE "analytics_visits" (
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"store_key" uuid NOT NULL,
	"day" date NOT NULL,
	"fen" bigint NOT NULL,
	"orders" integer NOT NULL,
	"referred" boolean NOT NULL,
	CONSTRAINT "analytics_visits_tenant_id_customer_id_store_key_day_pk" PRIMARY KEY("tenant_id","customer_id","store_key","day")
);
--> statement-breakpoint
ALTER TABLE "analytics_firsts" ADD CONSTRAINT "analytics_firsts_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_visits" ADD CONSTRAINT "analytics_visits_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "analytics_visits_day_idx" ON "analytics_visits" USING btree ("tenant_id","day");