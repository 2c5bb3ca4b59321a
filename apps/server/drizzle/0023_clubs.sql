CREATE TABLE "club_comments" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"post_id" uuid NOT NULL,
	"club_id" uuid NOT NULL,
	"author_customer_id" uuid,
	"author_staff_id" uuid,
	"body" text NOT NULL,
	"state" text DEFAULT 'visible' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "club_comments_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "club_comments_author" CHECK ("club_comments"."author_customer_id" is not null or "club_comments"."author_staff_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "club_likes" (
	"tenant_id" uuid NOT NULL,
	"post_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "club_likes_tenant_id_post_id_customer_id_pk" PRIMARY KEY("tenant_id","post_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "club_members" (
	"tenant_id" uuid NOT NULL,
	"club_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"role" text DEFAULT 'member' NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"joined_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "club_members_tenant_id_club_id_customer_id_pk" PRIMARY KEY("tenant_id","club_id","customer_id"),
	CONSTRAINT "club_members_joined" CHECK ("club_members"."status" = 'pending' or "club_members"."joined_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "club_posts" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"club_id" uuid NOT NULL,
	"author_customer_id" uuid,
	"author_staff_id" uuid,
	"body" text NOT NULL,
	"image_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"state" text DEFAULT 'visible' NOT NULL,
	"pinned_at" timestamp with time zone,
	"like_count" integer DEFAULT 0 NOT NULL,
	"comment_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "club_posts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "club_posts_author" CHECK ("club_posts"."author_customer_id" is not null or "club_posts"."author_staff_id" is not null),
	CONSTRAINT "club_posts_images" CHECK (cardinality("club_posts"."image_ids") <= 9),
	CONSTRAINT "club_posts_counts" CHECK ("club_posts"."like_count" >= 0 and "club_posts"."comment_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "clubs" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"kind" text NOT NULL,
	"make" text,
	"model" text,
	"region" text,
	"interest" text,
	"cover_image_id" uuid,
	"join_policy" text DEFAULT 'open' NOT NULL,
	"archived" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clubs_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "clubs_name_key" UNIQUE("tenant_id","name"),
	CONSTRAINT "clubs_make" CHECK ("clubs"."kind" not in ('make', 'model') or "clubs"."make" is not null),
	CONSTRAINT "clubs_model" CHECK ("clubs"."kind" <> 'model' or "clubs"."model" is not null)
);
--> statement-breakpoint
ALTER TABLE "club_comments" ADD CONSTRAINT "club_comments_tenant_id_post_id_club_posts_tenant_id_id_fk" FOREIGN KEY ("tenant_id","post_id") REFERENCES "public"."club_posts"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "club_comments" ADD CONSTRAINT "club_comments_tenant_id_author_customer_id_customers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","author_customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "club_likes" ADD CONSTRAINT "club_likes_tenant_id_post_id_club_posts_tenant_id_id_fk" FOREIGN KEY ("tenant_id","post_id") REFERENCES "public"."club_posts"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "club_likes" ADD CONSTRAINT "club_likes_tenant_id_customer_id_customers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "club_members" ADD CONSTRAINT "club_members_tenant_id_club_id_clubs_tenant_id_id_fk" FOREIGN KEY ("tenant_id","club_id") REFERENCES "public"."clubs"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "club_members" ADD CONSTRAINT "club_members_tenant_id_customer_id_customers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "club_posts" ADD CONSTRAINT "club_posts_tenant_id_club_id_clubs_tenant_id_id_fk" FOREIGN KEY ("tenant_id","club_id") REFERENCES "public"."clubs"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "club_posts" ADD CONSTRAINT "club_posts_tenant_id_author_customer_id_customers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","author_customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "club_comments_post_idx" ON "club_comments" USING btree ("tenant_id","post_id","created_at");--> statement-breakpoint
CREATE INDEX "club_comments_author_idx" ON "club_comments" USING btree ("tenant_id","author_customer_id");--> statement-breakpoint
CREATE INDEX "club_comments_day_idx" ON "club_comments" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "club_likes_customer_idx" ON "club_likes" USING btree ("tenant_id","customer_id");--> statement-breakpoint
CREATE INDEX "club_likes_day_idx" ON "club_likes" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "club_members_customer_idx" ON "club_members" USING btree ("tenant_id","customer_id");--> statement-breakpoint
CREATE INDEX "club_posts_feed_idx" ON "club_posts" USING btree ("tenant_id","club_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "club_posts_author_idx" ON "club_posts" USING btree ("tenant_id","author_customer_id");--> statement-breakpoint
CREATE INDEX "club_posts_day_idx" ON "club_posts" USING btree ("tenant_id","created_at");