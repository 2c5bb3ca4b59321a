CREATE TABLE "analytics_builds" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"built_at" timestamp with time zone NOT NULL,
	"as_of" date NOT NULL,
	"visits" integer NOT NULL,
	"millis" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_cells" (
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"store_key" uuid NOT NULL,
	"k1" text NOT NULL,
	"k2" text DEFAULT '' NOT NULL,
	"v1" bigint DEFAULT 0 NOT NULL,
	"v2" bigint DEFAULT 0 NOT NULL,
	"v3" bigint DEFAULT 0 NOT NULL,
	"v4" bigint DEFAULT 0 NOT NULL,
	"v5" bigint DEFAULT 0 NOT NULL,
	"v6" bigint DEFAULT 0 NOT NULL,
	"v7" bigint DEFAULT 0 NOT NULL,
	"v8" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "analytics_cells_tenant_id_kind_store_key_k1_k2_pk" PRIMARY KEY("tenant_id","kind","store_key","k1","k2")
);
--> statement-breakpoint
CREATE TABLE "analytics_dirty_days" (
	"tenant_id" uuid NOT NULL,
	"day" date NOT NULL,
	"marked_at" timestamp with time zone NOT NULL,
	CONSTRAINT "analytics_dirty_days_tenant_id_day_pk" PRIMARY KEY("tenant_id","day")
);
--> statement-breakpoint
CREATE TABLE "analytics_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"sms_segment_fen" integer DEFAULT 5 NOT NULL,
	"wechat_fen" integer DEFAULT 0 NOT NULL,
	"email_fen" integer DEFAULT 0 NOT NULL,
	"push_fen" integer DEFAULT 0 NOT NULL,
	"weekly_report" text DEFAULT 'on' NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "analytics_builds" ADD CONSTRAINT "analytics_builds_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_cells" ADD CONSTRAINT "analytics_cells_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_dirty_days" ADD CONSTRAINT "analytics_dirty_days_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_settings" ADD CONSTRAINT "analytics_settings_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE no action ON UPDATE no action;