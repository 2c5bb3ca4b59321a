ALTER TABLE "recorded_messages" ADD COLUMN "sealed_body" text;--> statement-breakpoint
-- Sign-in codes kept in readable form before messages sealed their secrets: masked for good.
UPDATE "recorded_messages" SET "body" = regexp_replace("body", '[0-9]{6}', '••••••', 'g') WHERE "purpose" = 'auth';--> statement-breakpoint
UPDATE "message_deliveries" d SET "body" = regexp_replace(d."body", '[0-9]{6}', '••••••', 'g')
  FROM "message_intents" i WHERE i."tenant_id" = d."tenant_id" AND i."id" = d."intent_id" AND i."purpose" = 'auth' AND d."body" IS NOT NULL;--> statement-breakpoint
UPDATE "message_intents" SET "data" = jsonb_set("data", '{message,text}', to_jsonb(regexp_replace("data" #>> '{message,text}', '[0-9]{6}', '••••••', 'g')))
  WHERE "purpose" = 'auth' AND "data" #>> '{message,text}' IS NOT NULL;
