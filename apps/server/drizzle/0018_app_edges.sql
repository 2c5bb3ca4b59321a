CREATE TABLE "privacy_policy_consents" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"policy_version" text NOT NULL,
	"accepted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "privacy_policy_consents_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "privacy_policy_consents_version_key" UNIQUE("tenant_id","customer_id","policy_version")
);
--> statement-breakpoint
ALTER TABLE "messaging_settings" ADD COLUMN "reminder_gap_days" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "privacy_policy_consents" ADD CONSTRAINT "privacy_policy_consents_tenant_id_customer_id_customers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE cascade ON UPDATE no action;