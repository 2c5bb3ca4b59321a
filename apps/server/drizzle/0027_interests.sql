CREATE TABLE "interest_consents" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"granted" boolean NOT NULL,
	"method" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid,
	CONSTRAINT "interest_consents_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "interest_follows" (
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"tag_slug" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "interest_follows_tenant_id_customer_id_tag_slug_pk" PRIMARY KEY("tenant_id","customer_id","tag_slug")
);
--> statement-breakpoint
CREATE TABLE "interest_scores" (
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"tag_slug" text NOT NULL,
	"points" double precision NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"level" double precision NOT NULL,
	CONSTRAINT "interest_scores_tenant_id_customer_id_tag_slug_pk" PRIMARY KEY("tenant_id","customer_id","tag_slug"),
	CONSTRAINT "interest_scores_points" CHECK ("interest_scores"."points" > 0)
);
--> statement-breakpoint
CREATE TABLE "interest_settings" (
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"personalised" boolean NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "interest_settings_tenant_id_customer_id_pk" PRIMARY KEY("tenant_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "reading_events" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"event" text NOT NULL,
	"seconds" integer,
	"depth" real,
	"points" real DEFAULT 0 NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	CONSTRAINT "reading_events_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "reading_events_seconds" CHECK ("reading_events"."seconds" is null or "reading_events"."seconds" between 0 and 7200),
	CONSTRAINT "reading_events_depth" CHECK ("reading_events"."depth" is null or "reading_events"."depth" between 0 and 1)
);
--> statement-breakpoint
ALTER TABLE "interest_consents" ADD CONSTRAINT "interest_consents_tenant_id_customer_id_customers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interest_follows" ADD CONSTRAINT "interest_follows_tenant_id_customer_id_customers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interest_scores" ADD CONSTRAINT "interest_scores_tenant_id_customer_id_customers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interest_settings" ADD CONSTRAINT "interest_settings_tenant_id_customer_id_customers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reading_events" ADD CONSTRAINT "reading_events_tenant_id_customer_id_customers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "interest_consents_customer_idx" ON "interest_consents" USING btree ("tenant_id","customer_id","recorded_at");--> statement-breakpoint
CREATE INDEX "interest_follows_tag_idx" ON "interest_follows" USING btree ("tenant_id","tag_slug","customer_id");--> statement-breakpoint
CREATE INDEX "interest_scores_level_idx" ON "interest_scores" USING btree ("tenant_id","tag_slug","level","customer_id");--> statement-breakpoint
CREATE INDEX "interest_settings_off_idx" ON "interest_settings" USING btree ("tenant_id","customer_id") WHERE not personalised;--> statement-breakpoint
CREATE INDEX "reading_events_subject_idx" ON "reading_events" USING btree ("tenant_id","customer_id","subject_type","subject_id","occurred_at");