CREATE TABLE "complaint_counters" (
	"tenant_id" uuid NOT NULL,
	"day" text NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "complaint_counters_tenant_id_day_pk" PRIMARY KEY("tenant_id","day")
);
--> statement-breakpoint
CREATE TABLE "complaint_escalations" (
	"tenant_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"cycle" integer NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"notified_staff_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "complaint_escalations_tenant_id_ticket_id_cycle_kind_pk" PRIMARY KEY("tenant_id","ticket_id","cycle","kind")
);
--> statement-breakpoint
CREATE TABLE "complaint_events" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" uuid,
	"body" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"owner_visible" boolean DEFAULT false NOT NULL,
	CONSTRAINT "complaint_events_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "complaint_tickets" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"number" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"store_id" uuid,
	"vehicle_id" uuid,
	"service_order_id" uuid,
	"conversation_id" uuid,
	"survey_id" uuid,
	"source" text NOT NULL,
	"category" text NOT NULL,
	"severity" text NOT NULL,
	"summary" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"assignee_id" uuid,
	"cycle" integer DEFAULT 0 NOT NULL,
	"first_responded_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"first_due_at" timestamp with time zone,
	"resolve_due_at" timestamp with time zone,
	"first_left_minutes" integer,
	"resolve_left_minutes" integer,
	"paused_at" timestamp with time zone,
	"first_breached_at" timestamp with time zone,
	"resolve_breached_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "complaint_tickets_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "feedback_holidays" (
	"tenant_id" uuid NOT NULL,
	"day" date NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "feedback_holidays_tenant_id_day_pk" PRIMARY KEY("tenant_id","day")
);
--> statement-breakpoint
CREATE TABLE "feedback_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"survey_delay_minutes" integer DEFAULT 120 NOT NULL,
	"survey_expiry_days" integer DEFAULT 7 NOT NULL,
	"reopen_days" integer DEFAULT 7 NOT NULL,
	"recovery_template_id" uuid,
	"recovery_monthly_budget" integer DEFAULT 0 NOT NULL,
	"review_pages" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"categories" jsonb NOT NULL,
	"escalation_reassign" boolean DEFAULT false NOT NULL,
	"signing_key" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sla_policies" (
	"tenant_id" uuid NOT NULL,
	"severity" text NOT NULL,
	"first_response_minutes" integer NOT NULL,
	"resolution_minutes" integer NOT NULL,
	CONSTRAINT "sla_policies_tenant_id_severity_pk" PRIMARY KEY("tenant_id","severity"),
	CONSTRAINT "sla_policies_minutes" CHECK ("sla_policies"."first_response_minutes" between 1 and 100000 and "sla_policies"."resolution_minutes" between "sla_policies"."first_response_minutes" and 1000000)
);
--> statement-breakpoint
CREATE TABLE "surveys" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"service_order_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"store_id" uuid,
	"advisor_id" uuid,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"paid_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"nps" integer,
	"stars" integer,
	"comment" text,
	"reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"answered_at" timestamp with time zone,
	"details_at" timestamp with time zone,
	"ticket_id" uuid,
	"coupon_id" uuid,
	"alerted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "surveys_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "surveys_nps" CHECK ("surveys"."nps" is null or "surveys"."nps" between 0 and 10),
	CONSTRAINT "surveys_stars" CHECK ("surveys"."stars" is null or "surveys"."stars" between 1 and 5)
);
--> statement-breakpoint
ALTER TABLE "complaint_escalations" ADD CONSTRAINT "complaint_escalations_tenant_id_ticket_id_complaint_tickets_tenant_id_id_fk" FOREIGN KEY ("tenant_id","ticket_id") REFERENCES "public"."complaint_tickets"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_events" ADD CONSTRAINT "complaint_events_tenant_id_ticket_id_complaint_tickets_tenant_id_id_fk" FOREIGN KEY ("tenant_id","ticket_id") REFERENCES "public"."complaint_tickets"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_tickets" ADD CONSTRAINT "complaint_tickets_tenant_id_customer_id_customers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_tickets" ADD CONSTRAINT "complaint_tickets_tenant_id_store_id_stores_tenant_id_id_fk" FOREIGN KEY ("tenant_id","store_id") REFERENCES "public"."stores"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_tenant_id_customer_id_customers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "complaint_events_ticket_idx" ON "complaint_events" USING btree ("tenant_id","ticket_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "complaint_tickets_number_key" ON "complaint_tickets" USING btree ("tenant_id","number");--> statement-breakpoint
CREATE INDEX "complaint_tickets_status_idx" ON "complaint_tickets" USING btree ("tenant_id","status","created_at");--> statement-breakpoint
CREATE INDEX "complaint_tickets_customer_idx" ON "complaint_tickets" USING btree ("tenant_id","customer_id","created_at");--> statement-breakpoint
CREATE INDEX "complaint_tickets_first_due_idx" ON "complaint_tickets" USING btree ("first_due_at");--> statement-breakpoint
CREATE INDEX "complaint_tickets_resolve_due_idx" ON "complaint_tickets" USING btree ("resolve_due_at");--> statement-breakpoint
CREATE UNIQUE INDEX "surveys_order_key" ON "surveys" USING btree ("tenant_id","service_order_id");--> statement-breakpoint
CREATE INDEX "surveys_due_idx" ON "surveys" USING btree ("status","due_at");--> statement-breakpoint
CREATE INDEX "surveys_answered_idx" ON "surveys" USING btree ("tenant_id","answered_at");--> statement-breakpoint
CREATE INDEX "surveys_sent_idx" ON "surveys" USING btree ("tenant_id","sent_at");--> statement-breakpoint
CREATE INDEX "surveys_customer_idx" ON "surveys" USING btree ("tenant_id","customer_id");