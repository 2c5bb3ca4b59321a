ALTER TABLE "recorded_messages" ADD COLUMN "attachments" jsonb;--> statement-breakpoint
ALTER TABLE "message_intents" ADD COLUMN "attachments" jsonb;--> statement-breakpoint
ALTER TABLE "analytics_settings" ADD COLUMN "signing_key" text;--> statement-breakpoint
ALTER TABLE "analytics_settings" ADD COLUMN "report_week" date;