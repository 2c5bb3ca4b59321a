CREATE TABLE "media_objects" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"uploaded_by_customer_id" uuid,
	"uploaded_by_staff_user_id" uuid,
	"purpose" text NOT NULL,
	"mime" text NOT NULL,
	"source_format" text NOT NULL,
	"byte_size" bigint NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"display_key" text NOT NULL,
	"thumb_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "media_objects_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "media_objects_one_uploader" CHECK ("media_objects"."uploaded_by_customer_id" is null or "media_objects"."uploaded_by_staff_user_id" is null)
);
--> statement-breakpoint
ALTER TABLE "media_objects" ADD CONSTRAINT "media_objects_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "media_objects_customer_idx" ON "media_objects" USING btree ("tenant_id","uploaded_by_customer_id");