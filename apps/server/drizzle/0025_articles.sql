CREATE TABLE "article_authors" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"staff_user_id" uuid,
	"customer_id" uuid,
	"store_id" uuid,
	"display_name" text NOT NULL,
	"bio" text DEFAULT '' NOT NULL,
	"slug" text NOT NULL,
	"active" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "article_authors_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "article_authors_slug_key" UNIQUE("tenant_id","slug"),
	CONSTRAINT "article_authors_staff_key" UNIQUE("tenant_id","staff_user_id"),
	CONSTRAINT "article_authors_customer_key" UNIQUE("tenant_id","customer_id"),
	CONSTRAINT "article_authors_person" CHECK (("article_authors"."kind" = 'business' and "article_authors"."staff_user_id" is null and "article_authors"."customer_id" is null)
        or ("article_authors"."kind" = 'staff' and "article_authors"."staff_user_id" is not null and "article_authors"."customer_id" is null)
        or ("article_authors"."kind" = 'kol' and "article_authors"."customer_id" is not null and "article_authors"."staff_user_id" is null)),
	CONSTRAINT "article_authors_active" CHECK ("article_authors"."active" in (0, 1))
);
--> statement-breakpoint
CREATE TABLE "article_revisions" (
	"tenant_id" uuid NOT NULL,
	"article_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"html" text NOT NULL,
	"cover_image_id" uuid,
	"tag_slugs" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"saved_by_staff_user_id" uuid,
	"saved_by_customer_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "article_revisions_tenant_id_article_id_version_pk" PRIMARY KEY("tenant_id","article_id","version")
);
--> statement-breakpoint
CREATE TABLE "article_tags" (
	"tenant_id" uuid NOT NULL,
	"article_id" uuid NOT NULL,
	"tag_id" uuid NOT NULL,
	CONSTRAINT "article_tags_tenant_id_article_id_tag_id_pk" PRIMARY KEY("tenant_id","article_id","tag_id")
);
--> statement-breakpoint
CREATE TABLE "articles" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"slug" text NOT NULL,
	"author_id" uuid NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"html" text DEFAULT '' NOT NULL,
	"cover_image_id" uuid,
	"image_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"reading_minutes" integer DEFAULT 1 NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"publish_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"content_updated_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"review_note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "articles_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "articles_slug_key" UNIQUE("tenant_id","slug"),
	CONSTRAINT "articles_reading" CHECK ("articles"."reading_minutes" >= 1)
);
--> statement-breakpoint
CREATE TABLE "content_tags" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "content_tags_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "content_tags_slug_key" UNIQUE("tenant_id","slug")
);
--> statement-breakpoint
ALTER TABLE "article_authors" ADD CONSTRAINT "article_authors_tenant_id_staff_user_id_staff_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","staff_user_id") REFERENCES "public"."staff_users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_authors" ADD CONSTRAINT "article_authors_tenant_id_customer_id_customers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_authors" ADD CONSTRAINT "article_authors_tenant_id_store_id_stores_tenant_id_id_fk" FOREIGN KEY ("tenant_id","store_id") REFERENCES "public"."stores"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_revisions" ADD CONSTRAINT "article_revisions_tenant_id_article_id_articles_tenant_id_id_fk" FOREIGN KEY ("tenant_id","article_id") REFERENCES "public"."articles"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_tags" ADD CONSTRAINT "article_tags_tenant_id_article_id_articles_tenant_id_id_fk" FOREIGN KEY ("tenant_id","article_id") REFERENCES "public"."articles"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_tags" ADD CONSTRAINT "article_tags_tenant_id_tag_id_content_tags_tenant_id_id_fk" FOREIGN KEY ("tenant_id","tag_id") REFERENCES "public"."content_tags"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "articles" ADD CONSTRAINT "articles_tenant_id_author_id_article_authors_tenant_id_id_fk" FOREIGN KEY ("tenant_id","author_id") REFERENCES "public"."article_authors"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "article_tags_tag_idx" ON "article_tags" USING btree ("tenant_id","tag_id","article_id");--> statement-breakpoint
CREATE INDEX "articles_published_idx" ON "articles" USING btree ("tenant_id","status","published_at","id");--> statement-breakpoint
CREATE INDEX "articles_author_idx" ON "articles" USING btree ("tenant_id","author_id","published_at");--> statement-breakpoint
CREATE INDEX "articles_publish_at_idx" ON "articles" USING btree ("tenant_id","publish_at");