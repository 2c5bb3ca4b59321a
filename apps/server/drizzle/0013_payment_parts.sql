CREATE TABLE "service_order_payments" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"method" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"points" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_order_payments_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "service_order_payments_position_key" UNIQUE("tenant_id","order_id","position"),
	CONSTRAINT "service_order_payments_amount" CHECK ("service_order_payments"."amount_fen" >= 0)
);
--> statement-breakpoint
ALTER TABLE "service_orders" ADD COLUMN "refunded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "service_order_payments" ADD CONSTRAINT "service_order_payments_tenant_id_order_id_service_orders_tenant_id_id_fk" FOREIGN KEY ("tenant_id","order_id") REFERENCES "public"."service_orders"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
INSERT INTO "service_order_payments" ("tenant_id", "id", "order_id", "position", "method", "amount_fen", "created_at")
SELECT "tenant_id", gen_random_uuid(), "id", 0, "payment_method", "paid_fen", coalesce("paid_at", "updated_at")
FROM "service_orders" WHERE "paid_fen" > 0 AND "payment_method" IS NOT NULL;--> statement-breakpoint
UPDATE "service_orders" SET "refunded_at" = "updated_at" WHERE "status" = 'refunded';
