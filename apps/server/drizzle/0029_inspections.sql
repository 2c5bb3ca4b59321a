CREATE TABLE "inspection_items" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"inspection_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"point" jsonb NOT NULL,
	"status" text,
	"value" double precision,
	"note" text,
	"photo_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"job_description" text,
	"labour_fen" bigint,
	"parts_fen" bigint,
	"decision" text,
	"decided_at" timestamp with time zone,
	"declined_id" uuid,
	"due_item_id" uuid,
	"recovered_order_id" uuid,
	"recovered_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inspection_items_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "inspection_items_job_prices" CHECK (("inspection_items"."labour_fen" is null or "inspection_items"."labour_fen" >= 0) and ("inspection_items"."parts_fen" is null or "inspection_items"."parts_fen" >= 0))
);
--> statement-breakpoint
CREATE TABLE "inspection_templates" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"points" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inspection_templates_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "inspections" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"vehicle_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	"template_id" uuid,
	"technician_id" uuid,
	"advisor_id" uuid,
	"status" text DEFAULT 'draft' NOT NULL,
	"mileage_km" integer,
	"sent_at" timestamp with time zone,
	"first_viewed_at" timestamp with time zone,
	"view_seconds" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inspections_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "inspection_items" ADD CONSTRAINT "inspection_items_tenant_id_inspection_id_inspections_tenant_id_id_fk" FOREIGN KEY ("tenant_id","inspection_id") REFERENCES "public"."inspections"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_tenant_id_order_id_service_orders_tenant_id_id_fk" FOREIGN KEY ("tenant_id","order_id") REFERENCES "public"."service_orders"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_tenant_id_vehicle_id_vehicles_tenant_id_id_fk" FOREIGN KEY ("tenant_id","vehicle_id") REFERENCES "public"."vehicles"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inspection_items_inspection_idx" ON "inspection_items" USING btree ("tenant_id","inspection_id","position");--> statement-breakpoint
CREATE INDEX "inspections_order_idx" ON "inspections" USING btree ("tenant_id","order_id");--> statement-breakpoint
CREATE INDEX "inspections_vehicle_idx" ON "inspections" USING btree ("tenant_id","vehicle_id","created_at");--> statement-breakpoint
CREATE INDEX "inspections_created_idx" ON "inspections" USING btree ("tenant_id","created_at");