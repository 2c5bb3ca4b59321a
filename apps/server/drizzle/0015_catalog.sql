CREATE TABLE "catalog_items" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"name_initials" text NOT NULL,
	"name_pinyin" text NOT NULL,
	"standard_minutes" integer,
	"part_number" text,
	"price_fen" bigint,
	"stock_qty" integer,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "catalog_items_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "catalog_items_part_number_key" UNIQUE("tenant_id","part_number"),
	CONSTRAINT "catalog_items_price" CHECK ("catalog_items"."price_fen" is not null or "catalog_items"."kind" = 'package'),
	CONSTRAINT "catalog_items_price_positive" CHECK ("catalog_items"."price_fen" is null or "catalog_items"."price_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "catalog_package_components" (
	"tenant_id" uuid NOT NULL,
	"package_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"component_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	CONSTRAINT "catalog_package_components_tenant_id_package_id_position_pk" PRIMARY KEY("tenant_id","package_id","position"),
	CONSTRAINT "catalog_package_components_quantity" CHECK ("catalog_package_components"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "catalog_stock_movements" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"order_id" uuid,
	"delta" integer NOT NULL,
	"stock_after" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "catalog_stock_movements_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "catalog_stock_movements_order_key" UNIQUE("tenant_id","order_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "catalog_store_prices" (
	"tenant_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"price_fen" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "catalog_store_prices_tenant_id_store_id_item_id_pk" PRIMARY KEY("tenant_id","store_id","item_id"),
	CONSTRAINT "catalog_store_prices_price" CHECK ("catalog_store_prices"."price_fen" >= 0)
);
--> statement-breakpoint
ALTER TABLE "catalog_package_components" ADD CONSTRAINT "catalog_package_components_tenant_id_package_id_catalog_items_tenant_id_id_fk" FOREIGN KEY ("tenant_id","package_id") REFERENCES "public"."catalog_items"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_package_components" ADD CONSTRAINT "catalog_package_components_tenant_id_component_id_catalog_items_tenant_id_id_fk" FOREIGN KEY ("tenant_id","component_id") REFERENCES "public"."catalog_items"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_stock_movements" ADD CONSTRAINT "catalog_stock_movements_tenant_id_item_id_catalog_items_tenant_id_id_fk" FOREIGN KEY ("tenant_id","item_id") REFERENCES "public"."catalog_items"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_store_prices" ADD CONSTRAINT "catalog_store_prices_tenant_id_store_id_stores_tenant_id_id_fk" FOREIGN KEY ("tenant_id","store_id") REFERENCES "public"."stores"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_store_prices" ADD CONSTRAINT "catalog_store_prices_tenant_id_item_id_catalog_items_tenant_id_id_fk" FOREIGN KEY ("tenant_id","item_id") REFERENCES "public"."catalog_items"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "catalog_items_tenant_name_idx" ON "catalog_items" USING btree ("tenant_id","name","id");--> statement-breakpoint
CREATE INDEX "catalog_package_components_component_idx" ON "catalog_package_components" USING btree ("tenant_id","component_id");--> statement-breakpoint
CREATE INDEX "catalog_stock_movements_item_idx" ON "catalog_stock_movements" USING btree ("tenant_id","item_id","created_at");--> statement-breakpoint
CREATE INDEX "catalog_store_prices_item_idx" ON "catalog_store_prices" USING btree ("tenant_id","item_id");