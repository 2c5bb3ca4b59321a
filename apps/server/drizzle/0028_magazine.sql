CREATE TABLE "magazine_calls" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"theme" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"issue_id" uuid NOT NULL,
	"section_id" uuid NOT NULL,
	"points" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "magazine_calls_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "magazine_calls_points" CHECK ("magazine_calls"."points" between 0 and 100000)
);
--> statement-breakpoint
CREATE TABLE "magazine_contributions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"call_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"body" text NOT NULL,
	"image_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"reject_reason" text,
	"page_id" uuid,
	"points_granted" integer DEFAULT 0 NOT NULL,
	"credited_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "magazine_contributions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "magazine_contributions_images" CHECK (cardinality("magazine_contributions"."image_ids") <= 9)
);
--> statement-breakpoint
CREATE TABLE "magazine_issues" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"cover_image_id" uuid,
	"status" text DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "magazine_issues_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "magazine_pages" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"issue_id" uuid NOT NULL,
	"section_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body_html" text DEFAULT '' NOT NULL,
	"image_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"layout" text DEFAULT 'text' NOT NULL,
	"position" integer NOT NULL,
	"contribution_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "magazine_pages_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "magazine_pages_images" CHECK (cardinality("magazine_pages"."image_ids") <= 20)
);
--> statement-breakpoint
CREATE TABLE "magazine_sections" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"issue_id" uuid NOT NULL,
	"title" text NOT NULL,
	"position" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "magazine_sections_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "magazine_subscribers" (
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"subscribed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "magazine_subscribers_tenant_id_customer_id_pk" PRIMARY KEY("tenant_id","customer_id")
);
--> statement-breakpoint
ALTER TABLE "magazine_calls" ADD CONSTRAINT "magazine_calls_tenant_id_section_id_magazine_sections_tenant_id_id_fk" FOREIGN KEY ("tenant_id","section_id") REFERENCES "public"."magazine_sections"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "magazine_contributions" ADD CONSTRAINT "magazine_contributions_tenant_id_call_id_magazine_calls_tenant_id_id_fk" FOREIGN KEY ("tenant_id","call_id") REFERENCES "public"."magazine_calls"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "magazine_contributions" ADD CONSTRAINT "magazine_contributions_tenant_id_customer_id_customers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "magazine_pages" ADD CONSTRAINT "magazine_pages_tenant_id_section_id_magazine_sections_tenant_id_id_fk" FOREIGN KEY ("tenant_id","section_id") REFERENCES "public"."magazine_sections"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "magazine_sections" ADD CONSTRAINT "magazine_sections_tenant_id_issue_id_magazine_issues_tenant_id_id_fk" FOREIGN KEY ("tenant_id","issue_id") REFERENCES "public"."magazine_issues"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "magazine_subscribers" ADD CONSTRAINT "magazine_subscribers_tenant_id_customer_id_customers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "magazine_contributions_call_idx" ON "magazine_contributions" USING btree ("tenant_id","call_id","created_at");--> statement-breakpoint
CREATE INDEX "magazine_contributions_customer_idx" ON "magazine_contributions" USING btree ("tenant_id","customer_id","created_at");--> statement-breakpoint
CREATE INDEX "magazine_issues_published_idx" ON "magazine_issues" USING btree ("tenant_id","status","published_at");--> statement-breakpoint
CREATE INDEX "magazine_pages_section_idx" ON "magazine_pages" USING btree ("tenant_id","section_id","position");--> statement-breakpoint
CREATE INDEX "magazine_pages_issue_idx" ON "magazine_pages" USING btree ("tenant_id","issue_id");--> statement-breakpoint
CREATE INDEX "magazine_sections_issue_idx" ON "magazine_sections" USING btree ("tenant_id","issue_id","position");