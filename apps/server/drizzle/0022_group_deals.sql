CREATE TABLE "deal_participations" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"deal_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"status" text DEFAULT 'holding' NOT NULL,
	"hold_fen" bigint NOT NULL,
	"flags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"via_code" text,
	"granted_ref" text,
	"joined_at" timestamp with time zone NOT NULL,
	"left_at" timestamp with time zone,
	"settled_at" timestamp with time zone,
	CONSTRAINT "deal_participations_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "deal_participations_hold" CHECK ("deal_participations"."hold_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "deal_stores" (
	"tenant_id" uuid NOT NULL,
	"deal_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	CONSTRAINT "deal_stores_tenant_id_deal_id_store_id_pk" PRIMARY KEY("tenant_id","deal_id","store_id")
);
--> statement-breakpoint
CREATE TABLE "deals" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"reward_kind" text NOT NULL,
	"package_product_id" uuid,
	"coupon_template_id" uuid,
	"price_fen" bigint NOT NULL,
	"original_price_fen" bigint NOT NULL,
	"min_joiners" integer NOT NULL,
	"max_joiners" integer,
	"deadline_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"outcome" text,
	"published_at" timestamp with time zone,
	"settled_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deals_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "deals_price" CHECK ("deals"."price_fen" > 0 and "deals"."original_price_fen" >= "deals"."price_fen"),
	CONSTRAINT "deals_joiners" CHECK ("deals"."min_joiners" >= 2 and ("deals"."max_joiners" is null or "deals"."max_joiners" >= "deals"."min_joiners")),
	CONSTRAINT "deals_reward" CHECK (("deals"."reward_kind" = 'package' and "deals"."package_product_id" is not null and "deals"."coupon_template_id" is null)
        or ("deals"."reward_kind" = 'coupon' and "deals"."coupon_template_id" is not null and "deals"."package_product_id" is null))
);
--> statement-breakpoint
ALTER TABLE "deal_participations" ADD CONSTRAINT "deal_participations_tenant_id_deal_id_deals_tenant_id_id_fk" FOREIGN KEY ("tenant_id","deal_id") REFERENCES "public"."deals"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_participations" ADD CONSTRAINT "deal_participations_tenant_id_customer_id_customers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_stores" ADD CONSTRAINT "deal_stores_tenant_id_deal_id_deals_tenant_id_id_fk" FOREIGN KEY ("tenant_id","deal_id") REFERENCES "public"."deals"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_stores" ADD CONSTRAINT "deal_stores_tenant_id_store_id_stores_tenant_id_id_fk" FOREIGN KEY ("tenant_id","store_id") REFERENCES "public"."stores"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "deal_participations_holding_key" ON "deal_participations" USING btree ("tenant_id","deal_id","customer_id") WHERE status = 'holding';--> statement-breakpoint
CREATE INDEX "deal_participations_deal_idx" ON "deal_participations" USING btree ("tenant_id","deal_id","joined_at");--> statement-breakpoint
CREATE INDEX "deal_participations_customer_idx" ON "deal_participations" USING btree ("tenant_id","customer_id");--> statement-breakpoint
CREATE INDEX "deals_status_deadline_idx" ON "deals" USING btree ("status","deadline_at");--> statement-breakpoint
CREATE INDEX "deals_tenant_created_idx" ON "deals" USING btree ("tenant_id","created_at");