CREATE TABLE "partners" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"contact_name" text NOT NULL,
	"contact_phone" text NOT NULL,
	"email" text,
	"status" text DEFAULT 'active' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partners_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "referral_codes" (
	"tenant_id" uuid NOT NULL,
	"holder_id" uuid NOT NULL,
	"code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referral_codes_tenant_id_holder_id_pk" PRIMARY KEY("tenant_id","holder_id"),
	CONSTRAINT "referral_codes_tenant_code_key" UNIQUE("tenant_id","code")
);
--> statement-breakpoint
CREATE TABLE "referral_households" (
	"tenant_id" uuid NOT NULL,
	"holder_id" uuid NOT NULL,
	"address_key" text,
	"payer_key" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referral_households_tenant_id_holder_id_pk" PRIMARY KEY("tenant_id","holder_id")
);
--> statement-breakpoint
CREATE TABLE "referral_rewards" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"referral_id" uuid NOT NULL,
	"side" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"amount" bigint NOT NULL,
	"coupon_template_id" uuid,
	"status" text NOT NULL,
	"grant_at" timestamp with time zone,
	"granted_at" timestamp with time zone,
	"coupon_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referral_rewards_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "referral_rewards_side_key" UNIQUE("tenant_id","referral_id","side")
);
--> statement-breakpoint
CREATE TABLE "referral_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"settings" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"referrer_id" uuid NOT NULL,
	"referee_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"status" text NOT NULL,
	"flags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"qualifying_order_id" uuid,
	"qualifying_order_fen" bigint,
	"decision" jsonb,
	"attributed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referrals_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "referrals_tenant_referee_key" UNIQUE("tenant_id","referee_id")
);
--> statement-breakpoint
CREATE TABLE "customer_rfm_breaks" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"r_breaks" timestamp with time zone[] NOT NULL,
	"f_breaks" integer[] NOT NULL,
	"m_breaks" bigint[] NOT NULL,
	"customers" integer NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_stats" (
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"visit_count" integer DEFAULT 0 NOT NULL,
	"first_visit_at" timestamp with time zone,
	"last_visit_at" timestamp with time zone,
	"spend_fen" bigint DEFAULT 0 NOT NULL,
	"rfm_r" smallint DEFAULT 0 NOT NULL,
	"rfm_f" smallint DEFAULT 0 NOT NULL,
	"rfm_m" smallint DEFAULT 0 NOT NULL,
	"rfm_score" smallint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_stats_tenant_id_customer_id_pk" PRIMARY KEY("tenant_id","customer_id")
);
--> statement-breakpoint
ALTER TABLE "ledger_transfers" DROP CONSTRAINT "ledger_transfers_reverses_key";--> statement-breakpoint
ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_entries_tenant_id_transfer_id_ledger_transfers_tenant_id_id_fk";
--> statement-breakpoint
DROP INDEX "ledger_transfers_reference_idx";--> statement-breakpoint
ALTER TABLE "staff_users" ADD COLUMN "partner_id" uuid;--> statement-breakpoint
ALTER TABLE "coupon_templates" ADD COLUMN "partner_direction" text;--> statement-breakpoint
ALTER TABLE "coupon_templates" ADD COLUMN "settlement_fen" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "coupons" ADD COLUMN "settlement_fen" bigint;--> statement-breakpoint
ALTER TABLE "partners" ADD CONSTRAINT "partners_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_codes" ADD CONSTRAINT "referral_codes_tenant_id_holder_id_customers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","holder_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_households" ADD CONSTRAINT "referral_households_tenant_id_holder_id_customers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","holder_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_rewards" ADD CONSTRAINT "referral_rewards_tenant_id_referral_id_referrals_tenant_id_id_fk" FOREIGN KEY ("tenant_id","referral_id") REFERENCES "public"."referrals"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_rewards" ADD CONSTRAINT "referral_rewards_tenant_id_customer_id_customers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_settings" ADD CONSTRAINT "referral_settings_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_tenant_id_referrer_id_customers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","referrer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_tenant_id_referee_id_customers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","referee_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_rfm_breaks" ADD CONSTRAINT "customer_rfm_breaks_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_stats" ADD CONSTRAINT "customer_stats_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "partners_tenant_name_idx" ON "partners" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE INDEX "referral_households_address_idx" ON "referral_households" USING btree ("tenant_id","address_key");--> statement-breakpoint
CREATE INDEX "referral_households_payer_idx" ON "referral_households" USING btree ("tenant_id","payer_key");--> statement-breakpoint
CREATE INDEX "referral_rewards_due_idx" ON "referral_rewards" USING btree ("status","grant_at");--> statement-breakpoint
CREATE INDEX "referrals_referrer_idx" ON "referrals" USING btree ("tenant_id","referrer_id","created_at");--> statement-breakpoint
CREATE INDEX "referrals_status_idx" ON "referrals" USING btree ("tenant_id","status","created_at");--> statement-breakpoint
CREATE INDEX "referrals_order_idx" ON "referrals" USING btree ("tenant_id","qualifying_order_id");--> statement-breakpoint
CREATE INDEX "customer_stats_last_visit_idx" ON "customer_stats" USING btree ("tenant_id","last_visit_at","customer_id");--> statement-breakpoint
CREATE INDEX "customer_stats_rfm_score_idx" ON "customer_stats" USING btree ("tenant_id","rfm_score","customer_id");--> statement-breakpoint
ALTER TABLE "staff_users" ADD CONSTRAINT "staff_users_tenant_id_partner_id_partners_tenant_id_id_fk" FOREIGN KEY ("tenant_id","partner_id") REFERENCES "public"."partners"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "declined_recommendations_tenant_created_idx" ON "declined_recommendations" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "coupon_templates_partner_idx" ON "coupon_templates" USING btree ("tenant_id","partner_id");--> statement-breakpoint
CREATE INDEX "coupons_redeemed_idx" ON "coupons" USING btree ("tenant_id","template_id","redeemed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_transfers_reverses_key" ON "ledger_transfers" USING btree ("tenant_id","reverses_transfer_id") WHERE reverses_transfer_id is not null;--> statement-breakpoint
CREATE INDEX "ledger_transfers_reference_idx" ON "ledger_transfers" USING btree ("tenant_id","reference_type","reference_id") WHERE reference_id is not null;--> statement-breakpoint
ALTER TABLE "staff_users" ADD CONSTRAINT "staff_users_partner_role" CHECK ("staff_users"."partner_id" is null or "staff_users"."role" = 'partner');--> statement-breakpoint
-- Templates that named a partner before the direction existed were redeemable at the partner.
UPDATE "coupon_templates" SET "partner_direction" = 'redeem_at_partner' WHERE "partner_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "coupon_templates" ADD CONSTRAINT "coupon_templates_partner" CHECK (("coupon_templates"."partner_id" is null) = ("coupon_templates"."partner_direction" is null) and "coupon_templates"."settlement_fen" >= 0);
--> statement-breakpoint
-- Ledger transfers: the balance rows are locked (UPDATE, in account-id order) BEFORE the transfer and entries
--    are inserted: their foreign-key checks (FOR KEY SHARE on the account rows) then find the
--    rows already locked by this transaction, instead of adding a key-share lock beside another
--    transaction's update of a hot wallet (a MultiXact on every transfer). The idempotency key is
--    claimed first with a transaction-scoped advisory lock on (tenant, key): a concurrent
--    duplicate waits for the first to finish, then finds its transfer and replays it; the unique
--    key stays as the backstop.
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
  PERFORM pg_advisory_xact_lock(hashtextextended('ledger|' || p_tenant::text || '|' || p_key, 0));
  SELECT * INTO prior FROM ledger_transfers t
    WHERE t.tenant_id = p_tenant AND t.idempotency_key = p_key;
  IF FOUND THEN
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
  INSERT INTO ledger_transfers (tenant_id, id, idempotency_key, debit_account_id, credit_account_id,
    amount, kind, reference_type, reference_id, reverses_transfer_id, memo, actor_type, actor_id,
    created_at)
  VALUES (p_tenant, p_id, p_key, p_debit, p_credit, p_amount, p_kind, p_reference_type,
    p_reference_id, p_reverses, p_memo, p_actor_type, p_actor_id, p_at);
  INSERT INTO ledger_entries (tenant_id, id, transfer_id, account_id, amount, balance_after, created_at)
  VALUES (p_tenant, p_debit_entry, p_id, p_debit, -p_amount, b_debit, p_at),
         (p_tenant, p_credit_entry, p_id, p_credit, p_amount, b_credit, p_at);
  RETURN QUERY SELECT p_id, false, true, b_debit, b_credit, p_at;
END
$$;
