CREATE TABLE "community_events" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"store_id" uuid,
	"place" text DEFAULT '' NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"signup_deadline" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"max_party_size" integer DEFAULT 1 NOT NULL,
	"ask_vehicle" boolean DEFAULT false NOT NULL,
	"attendance_points" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"club_id" uuid,
	"places_taken" integer DEFAULT 0 NOT NULL,
	"signup_seq" integer DEFAULT 0 NOT NULL,
	"cancelled_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "community_events_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "community_events_capacity" CHECK ("community_events"."capacity" > 0),
	CONSTRAINT "community_events_party" CHECK ("community_events"."max_party_size" between 1 and 20),
	CONSTRAINT "community_events_points" CHECK ("community_events"."attendance_points" >= 0),
	CONSTRAINT "community_events_taken" CHECK ("community_events"."places_taken" between 0 and "community_events"."capacity"),
	CONSTRAINT "community_events_times" CHECK ("community_events"."ends_at" > "community_events"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "event_signups" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"status" text NOT NULL,
	"party_size" integer DEFAULT 1 NOT NULL,
	"vehicle_id" uuid,
	"seq" integer NOT NULL,
	"ticket_code" text NOT NULL,
	"signed_up_at" timestamp with time zone NOT NULL,
	"checked_in_at" timestamp with time zone,
	"checked_in_by" uuid,
	"points_granted" integer DEFAULT 0 NOT NULL,
	"cancelled_at" timestamp with time zone,
	"cancelled_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_signups_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "event_signups_customer_key" UNIQUE("tenant_id","event_id","customer_id"),
	CONSTRAINT "event_signups_ticket_key" UNIQUE("tenant_id","ticket_code"),
	CONSTRAINT "event_signups_party" CHECK ("event_signups"."party_size" between 1 and 20)
);
--> statement-breakpoint
ALTER TABLE "community_events" ADD CONSTRAINT "community_events_tenant_id_store_id_stores_tenant_id_id_fk" FOREIGN KEY ("tenant_id","store_id") REFERENCES "public"."stores"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_signups" ADD CONSTRAINT "event_signups_tenant_id_event_id_community_events_tenant_id_id_fk" FOREIGN KEY ("tenant_id","event_id") REFERENCES "public"."community_events"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_signups" ADD CONSTRAINT "event_signups_tenant_id_customer_id_customers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "community_events_starts_idx" ON "community_events" USING btree ("tenant_id","starts_at","id");--> statement-breakpoint
CREATE INDEX "community_events_club_idx" ON "community_events" USING btree ("tenant_id","club_id");--> statement-breakpoint
CREATE INDEX "event_signups_event_idx" ON "event_signups" USING btree ("tenant_id","event_id","status","seq");--> statement-breakpoint
CREATE INDEX "event_signups_customer_idx" ON "event_signups" USING btree ("tenant_id","customer_id");