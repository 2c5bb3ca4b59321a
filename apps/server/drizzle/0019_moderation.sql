CREATE TABLE "moderation_keywords" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"word" text NOT NULL,
	"normalised" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "moderation_keywords_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "moderation_keywords_word_key" UNIQUE("tenant_id","normalised")
);
--> statement-breakpoint
CREATE TABLE "moderation_log" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"action" text NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" uuid,
	"kind" text,
	"subject_id" uuid,
	"customer_id" uuid,
	"mute_id" uuid,
	"keyword" text,
	"reason" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "moderation_log_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "moderation_mutes" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"scope_id" uuid,
	"until" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	"hide_past" boolean NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"ended_by" uuid,
	CONSTRAINT "moderation_mutes_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "moderation_queue_items" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"reasons" text[] NOT NULL,
	"report_weight" integer DEFAULT 0 NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"auto_hidden_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"decision" text,
	CONSTRAINT "moderation_queue_items_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "moderation_queue_items_weight" CHECK ("moderation_queue_items"."report_weight" >= 0)
);
--> statement-breakpoint
CREATE TABLE "moderation_reports" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"queue_item_id" uuid NOT NULL,
	"reporter_customer_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"note" text,
	"weight" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "moderation_reports_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "moderation_reports_reporter_key" UNIQUE("tenant_id","kind","subject_id","reporter_customer_id"),
	CONSTRAINT "moderation_reports_weight" CHECK ("moderation_reports"."weight" > 0)
);
--> statement-breakpoint
CREATE TABLE "moderation_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"auto_hide_threshold" integer NOT NULL,
	"min_trust_for_links" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "moderation_settings_threshold" CHECK ("moderation_settings"."auto_hide_threshold" between 1 and 1000),
	CONSTRAINT "moderation_settings_trust" CHECK ("moderation_settings"."min_trust_for_links" between 0 and 100)
);
--> statement-breakpoint
ALTER TABLE "moderation_reports" ADD CONSTRAINT "moderation_reports_tenant_id_queue_item_id_moderation_queue_items_tenant_id_id_fk" FOREIGN KEY ("tenant_id","queue_item_id") REFERENCES "public"."moderation_queue_items"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "moderation_log_at_idx" ON "moderation_log" USING btree ("tenant_id","at","id");--> statement-breakpoint
CREATE INDEX "moderation_log_subject_idx" ON "moderation_log" USING btree ("tenant_id","kind","subject_id");--> statement-breakpoint
CREATE INDEX "moderation_log_actor_idx" ON "moderation_log" USING btree ("tenant_id","actor_id","at");--> statement-breakpoint
CREATE INDEX "moderation_mutes_customer_idx" ON "moderation_mutes" USING btree ("tenant_id","customer_id","until");--> statement-breakpoint
CREATE UNIQUE INDEX "moderation_queue_items_open_key" ON "moderation_queue_items" USING btree ("tenant_id","kind","subject_id") WHERE closed_at is null;--> statement-breakpoint
CREATE INDEX "moderation_queue_items_open_idx" ON "moderation_queue_items" USING btree ("tenant_id","opened_at","id") WHERE closed_at is null;--> statement-breakpoint
CREATE INDEX "moderation_reports_item_idx" ON "moderation_reports" USING btree ("tenant_id","queue_item_id");