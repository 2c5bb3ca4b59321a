CREATE TABLE "monitor_feeds" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"url" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"etag" text,
	"last_modified" text,
	"last_fetch_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"last_result" text,
	"last_error" text,
	"last_http_status" integer,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"next_fetch_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "monitor_feeds_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "monitor_feeds_url_key" UNIQUE("tenant_id","url"),
	CONSTRAINT "monitor_feeds_failures" CHECK ("monitor_feeds"."consecutive_failures" >= 0)
);
--> statement-breakpoint
CREATE TABLE "monitor_items" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"feed_id" uuid NOT NULL,
	"dedupe_key" text NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"author" text DEFAULT '' NOT NULL,
	"link" text,
	"published_at" timestamp with time zone,
	"fetched_at" timestamp with time zone NOT NULL,
	CONSTRAINT "monitor_items_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "monitor_items_dedupe_key" UNIQUE("tenant_id","feed_id","dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "monitor_matches" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"feed_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"rule_id" uuid,
	"crisis" boolean DEFAULT false NOT NULL,
	"terms" text[] NOT NULL,
	"delivery" text NOT NULL,
	"notified_at" timestamp with time zone,
	"digested_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "monitor_matches_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "monitor_matches_reason_key" UNIQUE("tenant_id","item_id","reason")
);
--> statement-breakpoint
CREATE TABLE "monitor_rules" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"feed_id" uuid,
	"include" text[] NOT NULL,
	"exclude" text[] DEFAULT '{}'::text[] NOT NULL,
	"fields" text[] NOT NULL,
	"delivery" text DEFAULT 'immediate' NOT NULL,
	"recipient_staff_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "monitor_rules_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "monitor_settings" (
	"tenant_id" uuid NOT NULL,
	"aliases" text[] DEFAULT '{}'::text[] NOT NULL,
	"negative_words" text[] DEFAULT '{}'::text[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "monitor_settings_tenant_id_pk" PRIMARY KEY("tenant_id")
);
--> statement-breakpoint
ALTER TABLE "monitor_items" ADD CONSTRAINT "monitor_items_tenant_id_feed_id_monitor_feeds_tenant_id_id_fk" FOREIGN KEY ("tenant_id","feed_id") REFERENCES "public"."monitor_feeds"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitor_matches" ADD CONSTRAINT "monitor_matches_tenant_id_item_id_monitor_items_tenant_id_id_fk" FOREIGN KEY ("tenant_id","item_id") REFERENCES "public"."monitor_items"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitor_rules" ADD CONSTRAINT "monitor_rules_tenant_id_feed_id_monitor_feeds_tenant_id_id_fk" FOREIGN KEY ("tenant_id","feed_id") REFERENCES "public"."monitor_feeds"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "monitor_feeds_due_idx" ON "monitor_feeds" USING btree ("status","next_fetch_at");--> statement-breakpoint
CREATE INDEX "monitor_items_feed_idx" ON "monitor_items" USING btree ("tenant_id","feed_id","fetched_at");--> statement-breakpoint
CREATE INDEX "monitor_matches_created_idx" ON "monitor_matches" USING btree ("tenant_id","created_at","id");