-- from 0004_loyalty_ledger
CREATE TABLE "service_order_discounts" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"source" text NOT NULL,
	"reference_id" uuid NOT NULL,
	"amount_fen" bigint NOT NULL,
	"label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_order_discounts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "service_order_discounts_reference_key" UNIQUE("tenant_id","order_id","reference_id"),
	CONSTRAINT "service_order_discounts_amount" CHECK ("service_order_discounts"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "message_deliveries" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"intent_id" uuid NOT NULL,
	"customer_id" uuid,
	"channel" text NOT NULL,
	"provider" text,
	"address" text NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"subject" text,
	"body" text,
	"html" text,
	"url" text,
	"provider_message_id" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"lease_until" timestamp with time zone,
	"fallback_of" uuid,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "message_deliveries_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "message_events" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"intent_id" uuid NOT NULL,
	"delivery_id" uuid,
	"type" text NOT NULL,
	"channel" text,
	"reason" text,
	"detail" jsonb,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "message_events_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "message_frequency" (
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"intent_id" uuid NOT NULL,
	"local_day" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "message_frequency_tenant_id_customer_id_intent_id_pk" PRIMARY KEY("tenant_id","customer_id","intent_id")
);
--> statement-breakpoint
CREATE TABLE "message_intents" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"customer_id" uuid,
	"to_channel" text,
	"to_address" text,
	"template_key" text NOT NULL,
	"data" jsonb NOT NULL,
	"purpose" text NOT NULL,
	"priority" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"not_before" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"channels" text[],
	"reason" text,
	"source_type" text,
	"source_id" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "message_intents_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "message_intents_dedupe_key" UNIQUE("tenant_id","dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "message_templates" (
	"tenant_id" uuid NOT NULL,
	"key" text NOT NULL,
	"channel" text NOT NULL,
	"language" text NOT NULL,
	"subject" text,
	"body" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "message_templates_tenant_id_key_channel_language_pk" PRIMARY KEY("tenant_id","key","channel","language")
);
--> statement-breakpoint
CREATE TABLE "messaging_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"quiet_start" text DEFAULT '21:00' NOT NULL,
	"quiet_end" text DEFAULT '08:00' NOT NULL,
	"marketing_per_day" integer DEFAULT 1 NOT NULL,
	"marketing_per_week" integer DEFAULT 2 NOT NULL,
	"fallback_minutes" integer DEFAULT 30 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coupon_templates" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"kind" text NOT NULL,
	"amount_off_fen" bigint,
	"percent_off" integer,
	"max_discount_fen" bigint,
	"free_item_name" text,
	"free_item_category" text,
	"package_name" text,
	"package_uses" integer,
	"package_valid_days" integer,
	"valid_from" timestamp with time zone,
	"valid_until" timestamp with time zone,
	"valid_days" integer,
	"min_spend_fen" bigint DEFAULT 0 NOT NULL,
	"store_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"partner_id" uuid,
	"per_customer_limit" integer,
	"budget" integer,
	"issued_count" integer DEFAULT 0 NOT NULL,
	"issue_on_tier" text,
	"refund_rule" text DEFAULT 'void' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coupon_templates_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "coupon_templates_budget" CHECK ("coupon_templates"."issued_count" >= 0 and ("coupon_templates"."budget" is null or "coupon_templates"."issued_count" <= "coupon_templates"."budget")),
	CONSTRAINT "coupon_templates_percent" CHECK ("coupon_templates"."percent_off" is null or "coupon_templates"."percent_off" between 1 and 100),
	CONSTRAINT "coupon_templates_amounts" CHECK (coalesce("coupon_templates"."amount_off_fen", 1) > 0 and coalesce("coupon_templates"."max_discount_fen", 1) > 0 and "coupon_templates"."min_spend_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "coupons" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"template_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"code" text NOT NULL,
	"status" text DEFAULT 'issued' NOT NULL,
	"source" text NOT NULL,
	"source_ref" text,
	"issue_key" text NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_until" timestamp with time zone,
	"issued_at" timestamp with time zone NOT NULL,
	"issued_by" uuid,
	"redeemed_at" timestamp with time zone,
	"redeemed_order_id" uuid,
	"discount_fen" bigint,
	"redemption_note" text,
	"voided_at" timestamp with time zone,
	"void_reason" text,
	"reissued_from_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coupons_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "coupons_tenant_code_key" UNIQUE("tenant_id","code"),
	CONSTRAINT "coupons_issue_key" UNIQUE("tenant_id","template_id","issue_key"),
	CONSTRAINT "coupons_redeemed_state" CHECK (("coupons"."status" = 'redeemed') = ("coupons"."redeemed_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "member_card_tokens" (
	"tenant_id" uuid NOT NULL,
	"token" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "member_card_tokens_tenant_id_token_pk" PRIMARY KEY("tenant_id","token")
);
--> statement-breakpoint
CREATE TABLE "customer_packages" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"name" text NOT NULL,
	"total_uses" integer NOT NULL,
	"price_fen" bigint NOT NULL,
	"store_id" uuid,
	"status" text DEFAULT 'active' NOT NULL,
	"sold_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_packages_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "customer_tiers" (
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"tier_code" text NOT NULL,
	"since" timestamp with time zone NOT NULL,
	"downgrade_to" text,
	"downgrade_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_tiers_tenant_id_customer_id_pk" PRIMARY KEY("tenant_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "ledger_accounts" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"owner_customer_id" uuid,
	"kind" text NOT NULL,
	"balance" bigint DEFAULT 0 NOT NULL,
	"allow_negative" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_accounts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "ledger_accounts_owner_kind_key" UNIQUE NULLS NOT DISTINCT("tenant_id","owner_customer_id","kind"),
	CONSTRAINT "ledger_accounts_balance_check" CHECK ("ledger_accounts"."allow_negative" or "ledger_accounts"."balance" >= 0)
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"transfer_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"amount" bigint NOT NULL,
	"balance_after" bigint NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ledger_entries_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "ledger_transfers" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"debit_account_id" uuid NOT NULL,
	"credit_account_id" uuid NOT NULL,
	"amount" bigint NOT NULL,
	"kind" text NOT NULL,
	"reference_type" text,
	"reference_id" text,
	"reverses_transfer_id" uuid,
	"memo" text,
	"actor_type" text,
	"actor_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ledger_transfers_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "ledger_transfers_idempotency_key" UNIQUE("tenant_id","idempotency_key"),
	CONSTRAINT "ledger_transfers_reverses_key" UNIQUE("tenant_id","reverses_transfer_id"),
	CONSTRAINT "ledger_transfers_amount_positive" CHECK ("ledger_transfers"."amount" > 0),
	CONSTRAINT "ledger_transfers_distinct_accounts" CHECK ("ledger_transfers"."debit_account_id" <> "ledger_transfers"."credit_account_id")
);
--> statement-breakpoint
CREATE TABLE "loyalty_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"settings" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "package_products" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"uses" integer NOT NULL,
	"validity_days" integer NOT NULL,
	"price_fen" bigint NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "package_products_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "package_products_uses" CHECK ("package_products"."uses" > 0),
	CONSTRAINT "package_products_validity" CHECK ("package_products"."validity_days" > 0),
	CONSTRAINT "package_products_price" CHECK ("package_products"."price_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "points_lots" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"amount" bigint NOT NULL,
	"remaining" bigint NOT NULL,
	"status" text NOT NULL,
	"source" text NOT NULL,
	"reference_type" text,
	"reference_id" text,
	"earned_at" timestamp with time zone NOT NULL,
	"available_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"expiry_notice_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "points_lots_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "points_lots_remaining" CHECK ("points_lots"."remaining" >= 0 and "points_lots"."remaining" <= "points_lots"."amount")
);
--> statement-breakpoint
CREATE TABLE "points_reversals" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"reference_type" text NOT NULL,
	"reference_id" text NOT NULL,
	"earned" bigint NOT NULL,
	"reversed" bigint NOT NULL,
	"shortfall" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "points_reversals_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "points_reversals_reference_key" UNIQUE("tenant_id","reference_type","reference_id")
);
--> statement-breakpoint
ALTER TABLE "service_orders" ADD COLUMN "discount_fen" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "recorded_messages" ADD COLUMN "intent_id" uuid;--> statement-breakpoint
ALTER TABLE "recorded_messages" ADD COLUMN "delivery_id" uuid;--> statement-breakpoint
ALTER TABLE "service_order_discounts" ADD CONSTRAINT "service_order_discounts_tenant_id_order_id_service_orders_tenant_id_id_fk" FOREIGN KEY ("tenant_id","order_id") REFERENCES "public"."service_orders"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_deliveries" ADD CONSTRAINT "message_deliveries_tenant_id_intent_id_message_intents_tenant_id_id_fk" FOREIGN KEY ("tenant_id","intent_id") REFERENCES "public"."message_intents"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_events" ADD CONSTRAINT "message_events_tenant_id_intent_id_message_intents_tenant_id_id_fk" FOREIGN KEY ("tenant_id","intent_id") REFERENCES "public"."message_intents"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_intents" ADD CONSTRAINT "message_intents_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_templates" ADD CONSTRAINT "message_templates_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messaging_settings" ADD CONSTRAINT "messaging_settings_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coupons" ADD CONSTRAINT "coupons_tenant_id_template_id_coupon_templates_tenant_id_id_fk" FOREIGN KEY ("tenant_id","template_id") REFERENCES "public"."coupon_templates"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coupons" ADD CONSTRAINT "coupons_tenant_id_customer_id_customers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coupons" ADD CONSTRAINT "coupons_tenant_id_redeemed_order_id_service_orders_tenant_id_id_fk" FOREIGN KEY ("tenant_id","redeemed_order_id") REFERENCES "public"."service_orders"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_card_tokens" ADD CONSTRAINT "member_card_tokens_tenant_id_customer_id_customers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_packages" ADD CONSTRAINT "customer_packages_tenant_id_customer_id_customers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_packages" ADD CONSTRAINT "customer_packages_tenant_id_product_id_package_products_tenant_id_id_fk" FOREIGN KEY ("tenant_id","product_id") REFERENCES "public"."package_products"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_packages" ADD CONSTRAINT "customer_packages_tenant_id_store_id_stores_tenant_id_id_fk" FOREIGN KEY ("tenant_id","store_id") REFERENCES "public"."stores"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_tiers" ADD CONSTRAINT "customer_tiers_tenant_id_customer_id_customers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_tenant_id_owner_customer_id_customers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","owner_customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_tenant_id_transfer_id_ledger_transfers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","transfer_id") REFERENCES "public"."ledger_transfers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_tenant_id_account_id_ledger_accounts_tenant_id_id_fk" FOREIGN KEY ("tenant_id","account_id") REFERENCES "public"."ledger_accounts"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_transfers" ADD CONSTRAINT "ledger_transfers_tenant_id_debit_account_id_ledger_accounts_tenant_id_id_fk" FOREIGN KEY ("tenant_id","debit_account_id") REFERENCES "public"."ledger_accounts"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_transfers" ADD CONSTRAINT "ledger_transfers_tenant_id_credit_account_id_ledger_accounts_tenant_id_id_fk" FOREIGN KEY ("tenant_id","credit_account_id") REFERENCES "public"."ledger_accounts"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_transfers" ADD CONSTRAINT "ledger_transfers_tenant_id_reverses_transfer_id_ledger_transfers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","reverses_transfer_id") REFERENCES "public"."ledger_transfers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loyalty_settings" ADD CONSTRAINT "loyalty_settings_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_lots" ADD CONSTRAINT "points_lots_tenant_id_customer_id_customers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_reversals" ADD CONSTRAINT "points_reversals_tenant_id_customer_id_customers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "message_deliveries_intent_idx" ON "message_deliveries" USING btree ("tenant_id","intent_id");--> statement-breakpoint
CREATE INDEX "message_deliveries_due_idx" ON "message_deliveries" USING btree ("next_attempt_at") WHERE status in ('queued', 'sending', 'waiting');--> statement-breakpoint
CREATE INDEX "message_deliveries_provider_idx" ON "message_deliveries" USING btree ("tenant_id","provider_message_id");--> statement-breakpoint
CREATE INDEX "message_events_intent_idx" ON "message_events" USING btree ("tenant_id","intent_id","at");--> statement-breakpoint
CREATE INDEX "message_frequency_day_idx" ON "message_frequency" USING btree ("tenant_id","customer_id","local_day");--> statement-breakpoint
CREATE INDEX "message_intents_due_idx" ON "message_intents" USING btree ("not_before") WHERE status = 'queued';--> statement-breakpoint
CREATE INDEX "message_intents_customer_idx" ON "message_intents" USING btree ("tenant_id","customer_id","created_at");--> statement-breakpoint
CREATE INDEX "message_intents_created_idx" ON "message_intents" USING btree ("tenant_id","created_at","id");--> statement-breakpoint
CREATE INDEX "coupon_templates_tier_idx" ON "coupon_templates" USING btree ("tenant_id","issue_on_tier");--> statement-breakpoint
CREATE INDEX "coupons_customer_idx" ON "coupons" USING btree ("tenant_id","customer_id","status","issued_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "coupons_template_customer_idx" ON "coupons" USING btree ("tenant_id","template_id","customer_id");--> statement-breakpoint
CREATE INDEX "coupons_order_idx" ON "coupons" USING btree ("tenant_id","redeemed_order_id");--> statement-breakpoint
CREATE INDEX "member_card_tokens_customer_idx" ON "member_card_tokens" USING btree ("tenant_id","customer_id","expires_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "customer_packages_customer_idx" ON "customer_packages" USING btree ("tenant_id","customer_id");--> statement-breakpoint
CREATE INDEX "customer_packages_expiry_idx" ON "customer_packages" USING btree ("status","expires_at");--> statement-breakpoint
CREATE INDEX "ledger_entries_account_idx" ON "ledger_entries" USING btree ("tenant_id","account_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "ledger_transfers_reference_idx" ON "ledger_transfers" USING btree ("tenant_id","reference_type","reference_id");--> statement-breakpoint
CREATE INDEX "points_lots_customer_idx" ON "points_lots" USING btree ("tenant_id","customer_id","status","expires_at");--> statement-breakpoint
CREATE INDEX "points_lots_due_idx" ON "points_lots" USING btree ("status","available_at");--> statement-breakpoint
CREATE INDEX "points_lots_expiry_idx" ON "points_lots" USING btree ("status","expires_at");--> statement-breakpoint
CREATE INDEX "points_lots_reference_idx" ON "points_lots" USING btree ("tenant_id","reference_type","reference_id");--> statement-breakpoint
ALTER TABLE "recorded_messages" ADD CONSTRAINT "recorded_messages_delivery_key" UNIQUE("tenant_id","delivery_id");
--> statement-breakpoint
-- from 0005_inbox_conversations
CREATE TABLE "conversation_messages" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"author_type" text NOT NULL,
	"staff_id" uuid,
	"body" text NOT NULL,
	"intent_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conversation_messages_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "conversations" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"assigned_staff_id" uuid,
	"staff_unread" integer DEFAULT 0 NOT NULL,
	"customer_unread" integer DEFAULT 0 NOT NULL,
	"last_message_at" timestamp with time zone NOT NULL,
	"last_message_preview" text DEFAULT '' NOT NULL,
	"last_message_author" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conversations_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "conversations_tenant_customer_key" UNIQUE("tenant_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "inbox_app_presence" (
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	CONSTRAINT "inbox_app_presence_tenant_id_customer_id_pk" PRIMARY KEY("tenant_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "inbox_messages" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"intent_id" text NOT NULL,
	"delivery_id" text,
	"title" text,
	"body" text NOT NULL,
	"url" text,
	"purpose" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone,
	CONSTRAINT "inbox_messages_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "inbox_messages_tenant_intent_key" UNIQUE("tenant_id","intent_id")
);
--> statement-breakpoint
ALTER TABLE "conversation_messages" ADD CONSTRAINT "conversation_messages_tenant_id_conversation_id_conversations_tenant_id_id_fk" FOREIGN KEY ("tenant_id","conversation_id") REFERENCES "public"."conversations"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_messages" ADD CONSTRAINT "conversation_messages_tenant_id_staff_id_staff_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","staff_id") REFERENCES "public"."staff_users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_tenant_id_customer_id_customers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_tenant_id_assigned_staff_id_staff_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","assigned_staff_id") REFERENCES "public"."staff_users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_app_presence" ADD CONSTRAINT "inbox_app_presence_tenant_id_customer_id_customers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_messages" ADD CONSTRAINT "inbox_messages_tenant_id_customer_id_customers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversation_messages_thread_idx" ON "conversation_messages" USING btree ("tenant_id","conversation_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "conversations_recent_idx" ON "conversations" USING btree ("tenant_id","last_message_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "inbox_messages_customer_idx" ON "inbox_messages" USING btree ("tenant_id","customer_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "inbox_messages_unread_idx" ON "inbox_messages" USING btree ("tenant_id","customer_id") WHERE read_at is null;
--> statement-breakpoint
-- from 0006_loyalty_ledger_functions
-- Ledger (loyalty module): transfers and entries are append-only, and one transfer is one call.
--
-- liuke_ledger_transfer runs as the caller (SECURITY INVOKER: row-level security applies) and
-- does a whole transfer in one round trip: claims the idempotency key (a concurrent duplicate
-- waits on the unique index, then finds the first transfer), updates the two balance rows in
-- account-id order (so two transfers over the same pair cannot deadlock; the CHECK on the row
-- refuses a forbidden negative), and writes the two entries with their running balances.
-- Answers replayed = true and whether the stored transfer matches when the key was used before.
CREATE OR REPLACE FUNCTION liuke_ledger_transfer(
  p_tenant uuid, p_id uuid, p_key text, p_debit uuid, p_credit uuid, p_amount bigint,
  p_kind text, p_reference_type text, p_reference_id text, p_reverses uuid, p_memo text,
  p_actor_type text, p_actor_id uuid, p_at timestamptz, p_debit_entry uuid, p_credit_entry uuid)
RETURNS TABLE (transfer_id uuid, replayed boolean, matches boolean, debit_balance bigint,
               credit_balance bigint, created_at timestamptz)
LANGUAGE plpgsql AS $$
DECLARE
  prior ledger_transfers%ROWTYPE;
  b_debit bigint;
  b_credit bigint;
BEGIN
  INSERT INTO ledger_transfers (tenant_id, id, idempotency_key, debit_account_id, credit_account_id,
    amount, kind, reference_type, reference_id, reverses_transfer_id, memo, actor_type, actor_id,
    created_at)
  VALUES (p_tenant, p_id, p_key, p_debit, p_credit, p_amount, p_kind, p_reference_type,
    p_reference_id, p_reverses, p_memo, p_actor_type, p_actor_id, p_at)
  ON CONFLICT (tenant_id, idempotency_key) DO NOTHING;
  IF NOT FOUND THEN
    SELECT * INTO prior FROM ledger_transfers t
      WHERE t.tenant_id = p_tenant AND t.idempotency_key = p_key;
    RETURN QUERY SELECT prior.id, true,
      (prior.debit_account_id = p_debit AND prior.credit_account_id = p_credit
        AND prior.amount = p_amount AND prior.kind = p_kind
        AND prior.reference_type IS NOT DISTINCT FROM p_reference_type
        AND prior.reference_id IS NOT DISTINCT FROM p_reference_id
        AND prior.reverses_transfer_id IS NOT DISTINCT FROM p_reverses),
      NULL::bigint, NULL::bigint, prior.created_at;
    RETURN;
  END IF;
  IF p_debit < p_credit THEN
    UPDATE ledger_accounts a SET balance = a.balance - p_amount
      WHERE a.tenant_id = p_tenant AND a.id = p_debit RETURNING a.balance INTO b_debit;
    UPDATE ledger_accounts a SET balance = a.balance + p_amount
      WHERE a.tenant_id = p_tenant AND a.id = p_credit RETURNING a.balance INTO b_credit;
  ELSE
    UPDATE ledger_accounts a SET balance = a.balance + p_amount
      WHERE a.tenant_id = p_tenant AND a.id = p_credit RETURNING a.balance INTO b_credit;
    UPDATE ledger_accounts a SET balance = a.balance - p_amount
      WHERE a.tenant_id = p_tenant AND a.id = p_debit RETURNING a.balance INTO b_debit;
  END IF;
  IF b_debit IS NULL OR b_credit IS NULL THEN
    RAISE EXCEPTION 'ledger account not found' USING ERRCODE = 'P0002';
  END IF;
  INSERT INTO ledger_entries (tenant_id, id, transfer_id, account_id, amount, balance_after, created_at)
  VALUES (p_tenant, p_debit_entry, p_id, p_debit, -p_amount, b_debit, p_at),
         (p_tenant, p_credit_entry, p_id, p_credit, p_amount, b_credit, p_at);
  RETURN QUERY SELECT p_id, false, true, b_debit, b_credit, p_at;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION liuke_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger rows are append-only: correct with a reversing transfer'
    USING ERRCODE = '55000';
END
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_transfers_append_only BEFORE UPDATE OR DELETE ON ledger_transfers
  FOR EACH ROW EXECUTE FUNCTION liuke_ledger_append_only();
--> statement-breakpoint
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION liuke_ledger_append_only();
--> statement-breakpoint
-- from 0007_coupons_member_card
CREATE TABLE "channel_settings" (
	"tenant_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"provider" text NOT NULL,
	"config" jsonb NOT NULL,
	"secrets" jsonb NOT NULL,
	"webhook_key" text NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "channel_settings_tenant_id_channel_pk" PRIMARY KEY("tenant_id","channel")
);
--> statement-breakpoint
CREATE TABLE "push_subscriptions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"endpoint" text NOT NULL,
	"p256dh" text NOT NULL,
	"auth" text NOT NULL,
	"user_agent" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_success_at" timestamp with time zone,
	CONSTRAINT "push_subscriptions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "push_subscriptions_endpoint_key" UNIQUE("tenant_id","endpoint")
);
--> statement-breakpoint
CREATE TABLE "web_push_keys" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"public_key" text NOT NULL,
	"private_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wechat_bindings" (
	"tenant_id" uuid NOT NULL,
	"openid" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"subscribed" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "wechat_bindings_tenant_id_openid_pk" PRIMARY KEY("tenant_id","openid")
);
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "messaging_settings" ADD COLUMN "signing_key" text DEFAULT replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', '') NOT NULL;--> statement-breakpoint
ALTER TABLE "channel_settings" ADD CONSTRAINT "channel_settings_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_subscriptions" ADD CONSTRAINT "push_subscriptions_tenant_id_customer_id_customers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "web_push_keys" ADD CONSTRAINT "web_push_keys_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wechat_bindings" ADD CONSTRAINT "wechat_bindings_tenant_id_customer_id_customers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "push_subscriptions_customer_idx" ON "push_subscriptions" USING btree ("tenant_id","customer_id");--> statement-breakpoint
CREATE INDEX "wechat_bindings_customer_idx" ON "wechat_bindings" USING btree ("tenant_id","customer_id","created_at");
--> statement-breakpoint
-- from 0008_messaging_pipeline
CREATE TABLE "due_custom_items" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"vehicle_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"due_date" date,
	"due_km" integer,
	"lead_days" integer DEFAULT 30 NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "due_custom_items_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "due_fleet_stats" (
	"tenant_id" uuid NOT NULL,
	"fleet_daily_km" double precision,
	"cars" integer NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "due_fleet_stats_tenant_id_pk" PRIMARY KEY("tenant_id")
);
--> statement-breakpoint
CREATE TABLE "due_intervals" (
	"tenant_id" uuid NOT NULL,
	"code" text NOT NULL,
	"make" text DEFAULT '' NOT NULL,
	"interval_km" integer,
	"interval_months" integer,
	"lead_days" integer DEFAULT 30 NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "due_intervals_tenant_id_code_make_pk" PRIMARY KEY("tenant_id","code","make"),
	CONSTRAINT "due_intervals_some_interval" CHECK ("due_intervals"."interval_km" is not null or "due_intervals"."interval_months" is not null)
);
--> statement-breakpoint
CREATE TABLE "due_settings" (
	"tenant_id" uuid NOT NULL,
	"insurance_lead_days" integer DEFAULT 30 NOT NULL,
	"inspection_lead_days" integer DEFAULT 30 NOT NULL,
	"warranty_years" integer DEFAULT 3 NOT NULL,
	"warranty_km" integer,
	"warranty_lead_days" integer DEFAULT 60 NOT NULL,
	"default_daily_km" double precision,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "due_settings_tenant_id_pk" PRIMARY KEY("tenant_id")
);
--> statement-breakpoint
CREATE TABLE "vehicle_due_items" (
	"tenant_id" uuid NOT NULL,
	"vehicle_id" uuid NOT NULL,
	"item_key" text NOT NULL,
	"kind" text NOT NULL,
	"code" text,
	"custom_item_id" uuid,
	"title" text,
	"customer_id" uuid NOT NULL,
	"store_id" uuid,
	"due_date" date NOT NULL,
	"due_km" integer,
	"trigger" text NOT NULL,
	"lead_days" integer NOT NULL,
	"interval_km" integer,
	"interval_months" integer,
	"basis" text NOT NULL,
	"last_done_on" date,
	"last_done_km" integer,
	"last_order_id" uuid,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "vehicle_due_items_tenant_id_vehicle_id_item_key_pk" PRIMARY KEY("tenant_id","vehicle_id","item_key")
);
--> statement-breakpoint
CREATE TABLE "vehicle_mileage_estimates" (
	"tenant_id" uuid NOT NULL,
	"vehicle_id" uuid NOT NULL,
	"daily_km" double precision NOT NULL,
	"source" text NOT NULL,
	"confidence" text NOT NULL,
	"readings_total" integer NOT NULL,
	"readings_used" integer NOT NULL,
	"spread_km_per_day" double precision,
	"span_days" double precision NOT NULL,
	"anchor_km" integer,
	"anchor_at" timestamp with time zone,
	"computed_at" timestamp with time zone NOT NULL,
	"fingerprint" text,
	CONSTRAINT "vehicle_mileage_estimates_tenant_id_vehicle_id_pk" PRIMARY KEY("tenant_id","vehicle_id")
);
--> statement-breakpoint
ALTER TABLE "due_custom_items" ADD CONSTRAINT "due_custom_items_tenant_id_vehicle_id_vehicles_tenant_id_id_fk" FOREIGN KEY ("tenant_id","vehicle_id") REFERENCES "public"."vehicles"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vehicle_due_items" ADD CONSTRAINT "vehicle_due_items_tenant_id_vehicle_id_vehicles_tenant_id_id_fk" FOREIGN KEY ("tenant_id","vehicle_id") REFERENCES "public"."vehicles"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vehicle_mileage_estimates" ADD CONSTRAINT "vehicle_mileage_estimates_tenant_id_vehicle_id_vehicles_tenant_id_id_fk" FOREIGN KEY ("tenant_id","vehicle_id") REFERENCES "public"."vehicles"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "due_custom_items_vehicle_idx" ON "due_custom_items" USING btree ("tenant_id","vehicle_id");--> statement-breakpoint
CREATE INDEX "vehicle_due_items_due_idx" ON "vehicle_due_items" USING btree ("tenant_id","due_date");
--> statement-breakpoint
-- from 0009_loyalty_entry_seq
DROP INDEX "ledger_entries_account_idx";--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD COLUMN "seq" bigint NOT NULL GENERATED ALWAYS AS IDENTITY (sequence name "ledger_entries_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1);--> statement-breakpoint
CREATE INDEX "ledger_entries_account_seq_idx" ON "ledger_entries" USING btree ("tenant_id","account_id","seq" DESC NULLS LAST);
--> statement-breakpoint
-- from 0010_segments_campaigns
CREATE TABLE "segments" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"filter" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "segments_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "segments_tenant_name_key" UNIQUE("tenant_id","name")
);
--> statement-breakpoint
CREATE TABLE "campaign_attributions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"run_no" integer NOT NULL,
	"customer_id" uuid NOT NULL,
	"held_out" boolean NOT NULL,
	"variant" text NOT NULL,
	"kind" text NOT NULL,
	"reference_id" uuid NOT NULL,
	"revenue_fen" bigint DEFAULT 0 NOT NULL,
	"converted_at" timestamp with time zone NOT NULL,
	"event_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_attributions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "campaign_attributions_reference_key" UNIQUE("tenant_id","kind","reference_id")
);
--> statement-breakpoint
CREATE TABLE "campaign_recipients" (
	"tenant_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"run_no" integer NOT NULL,
	"customer_id" uuid NOT NULL,
	"variant" text NOT NULL,
	"held_out" boolean NOT NULL,
	"status" text NOT NULL,
	"intent_id" uuid,
	"coupon_id" uuid,
	"reason" text,
	"touched_at" timestamp with time zone NOT NULL,
	CONSTRAINT "campaign_recipients_tenant_id_campaign_id_run_no_customer_id_pk" PRIMARY KEY("tenant_id","campaign_id","run_no","customer_id")
);
--> statement-breakpoint
CREATE TABLE "campaign_runs" (
	"tenant_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"run_no" integer NOT NULL,
	"status" text NOT NULL,
	"targeted" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "campaign_runs_tenant_id_campaign_id_run_no_pk" PRIMARY KEY("tenant_id","campaign_id","run_no")
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"play" text,
	"segment_id" uuid NOT NULL,
	"variants" jsonb NOT NULL,
	"split_percent" integer DEFAULT 100 NOT NULL,
	"coupon_template_id" uuid,
	"holdout_percent" integer DEFAULT 0 NOT NULL,
	"budget_max_recipients" integer,
	"budget_max_coupon_fen" bigint,
	"attribution_days" integer DEFAULT 7 NOT NULL,
	"channels" text[],
	"schedule_kind" text DEFAULT 'now' NOT NULL,
	"send_at" timestamp with time zone,
	"recurrence" jsonb,
	"next_run_at" timestamp with time zone,
	"status" text DEFAULT 'draft' NOT NULL,
	"runs" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"launched_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaigns_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "campaigns_holdout" CHECK ("campaigns"."holdout_percent" between 0 and 50),
	CONSTRAINT "campaigns_split" CHECK ("campaigns"."split_percent" between 1 and 100),
	CONSTRAINT "campaigns_attribution" CHECK ("campaigns"."attribution_days" between 1 and 90)
);
--> statement-breakpoint
ALTER TABLE "segments" ADD CONSTRAINT "segments_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_attributions" ADD CONSTRAINT "campaign_attributions_tenant_id_campaign_id_campaigns_tenant_id_id_fk" FOREIGN KEY ("tenant_id","campaign_id") REFERENCES "public"."campaigns"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_recipients" ADD CONSTRAINT "campaign_recipients_tenant_id_campaign_id_run_no_campaign_runs_tenant_id_campaign_id_run_no_fk" FOREIGN KEY ("tenant_id","campaign_id","run_no") REFERENCES "public"."campaign_runs"("tenant_id","campaign_id","run_no") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_recipients" ADD CONSTRAINT "campaign_recipients_tenant_id_customer_id_customers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_runs" ADD CONSTRAINT "campaign_runs_tenant_id_campaign_id_campaigns_tenant_id_id_fk" FOREIGN KEY ("tenant_id","campaign_id") REFERENCES "public"."campaigns"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_tenant_id_segment_id_segments_tenant_id_id_fk" FOREIGN KEY ("tenant_id","segment_id") REFERENCES "public"."segments"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaign_attributions_campaign_idx" ON "campaign_attributions" USING btree ("tenant_id","campaign_id");--> statement-breakpoint
CREATE INDEX "campaign_recipients_customer_idx" ON "campaign_recipients" USING btree ("tenant_id","customer_id","touched_at");--> statement-breakpoint
CREATE INDEX "campaign_recipients_pending_idx" ON "campaign_recipients" USING btree ("tenant_id","campaign_id","run_no","customer_id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "campaigns_due_idx" ON "campaigns" USING btree ("next_run_at") WHERE status = 'scheduled';
--> statement-breakpoint
-- from 0011_reminders_rules
CREATE TABLE "reminder_attributions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"rule_id" uuid NOT NULL,
	"send_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"reference_id" uuid NOT NULL,
	"revenue_fen" bigint DEFAULT 0 NOT NULL,
	"converted_at" timestamp with time zone NOT NULL,
	"event_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reminder_attributions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "reminder_attributions_reference_key" UNIQUE("tenant_id","kind","reference_id")
);
--> statement-breakpoint
CREATE TABLE "reminder_rules" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"key" text NOT NULL,
	"trigger" text NOT NULL,
	"name" text,
	"lead_days" integer NOT NULL,
	"repeat_every_days" integer,
	"repeat_max" integer DEFAULT 0 NOT NULL,
	"channels" text[],
	"template_key" text NOT NULL,
	"stop_conditions" text[] NOT NULL,
	"attribution_days" integer DEFAULT 14 NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reminder_rules_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "reminder_rules_key" UNIQUE("tenant_id","key"),
	CONSTRAINT "reminder_rules_lead_days" CHECK ("reminder_rules"."lead_days" between 0 and 90),
	CONSTRAINT "reminder_rules_repeat" CHECK ("reminder_rules"."repeat_max" between 0 and 5)
);
--> statement-breakpoint
CREATE TABLE "reminder_runs" (
	"tenant_id" uuid NOT NULL,
	"run_date" date NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"rules_selected" text[] DEFAULT '{}'::text[] NOT NULL,
	"selected" integer DEFAULT 0 NOT NULL,
	"queued" integer DEFAULT 0 NOT NULL,
	"attempts" integer DEFAULT 1 NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "reminder_runs_tenant_id_run_date_pk" PRIMARY KEY("tenant_id","run_date")
);
--> statement-breakpoint
CREATE TABLE "reminder_sends" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"rule_id" uuid NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"cycle_key" text NOT NULL,
	"attempt" integer DEFAULT 0 NOT NULL,
	"customer_id" uuid NOT NULL,
	"vehicle_id" uuid,
	"due_date" date,
	"run_date" date NOT NULL,
	"data" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"intent_id" uuid,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"queued_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	CONSTRAINT "reminder_sends_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "reminder_sends_cycle_key" UNIQUE("tenant_id","rule_id","subject_id","cycle_key","attempt")
);
--> statement-breakpoint
ALTER TABLE "reminder_attributions" ADD CONSTRAINT "reminder_attributions_tenant_id_rule_id_reminder_rules_tenant_id_id_fk" FOREIGN KEY ("tenant_id","rule_id") REFERENCES "public"."reminder_rules"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_sends" ADD CONSTRAINT "reminder_sends_tenant_id_rule_id_reminder_rules_tenant_id_id_fk" FOREIGN KEY ("tenant_id","rule_id") REFERENCES "public"."reminder_rules"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_sends" ADD CONSTRAINT "reminder_sends_tenant_id_customer_id_customers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reminder_attributions_rule_idx" ON "reminder_attributions" USING btree ("tenant_id","rule_id","converted_at");--> statement-breakpoint
CREATE INDEX "reminder_sends_pending_idx" ON "reminder_sends" USING btree ("tenant_id","rule_id","id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "reminder_sends_customer_idx" ON "reminder_sends" USING btree ("tenant_id","customer_id","created_at");--> statement-breakpoint
CREATE INDEX "reminder_sends_rule_idx" ON "reminder_sends" USING btree ("tenant_id","rule_id","run_date");
--> statement-breakpoint
-- from 0012_reminders_sends_index
DROP INDEX "reminder_sends_rule_idx";--> statement-breakpoint
CREATE INDEX "reminder_sends_day_idx" ON "reminder_sends" USING btree ("tenant_id","run_date");
