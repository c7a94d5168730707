CREATE TABLE "amendment_supporters" (
	"amendment_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	CONSTRAINT "amendment_supporters_amendment_id_member_id_pk" PRIMARY KEY("amendment_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "amendments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"article_id" text NOT NULL,
	"kind" text NOT NULL,
	"passage" text,
	"text" text,
	"justification" text,
	"author_member_id" uuid NOT NULL,
	"anonymous" boolean DEFAULT false NOT NULL,
	"anchor" jsonb,
	"base_body" text NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"poll_id" uuid
);
--> statement-breakpoint
CREATE TABLE "charter_articles" (
	"document_id" uuid NOT NULL,
	"article_id" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"adopted_at" timestamp with time zone,
	"adopted_poll_id" uuid,
	CONSTRAINT "charter_articles_document_id_article_id_pk" PRIMARY KEY("document_id","article_id")
);
--> statement-breakpoint
CREATE TABLE "charter_settings" (
	"document_id" uuid PRIMARY KEY NOT NULL,
	"majority" text DEFAULT 'simple' NOT NULL,
	"quorum" integer,
	"allow_anonymous" boolean DEFAULT false NOT NULL,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "charter_votes" (
	"poll_id" uuid PRIMARY KEY NOT NULL,
	"document_id" uuid NOT NULL,
	"article_id" text NOT NULL,
	"amendment_id" uuid,
	"outcome" text,
	"applied_at" timestamp with time zone,
	"votes_for" integer,
	"votes_against" integer,
	"votes_abstain" integer,
	"sequence_id" uuid,
	"sequence_position" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "amendment_supporters" ADD CONSTRAINT "amendment_supporters_amendment_id_amendments_id_fk" FOREIGN KEY ("amendment_id") REFERENCES "public"."amendments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "amendment_supporters" ADD CONSTRAINT "amendment_supporters_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "amendments" ADD CONSTRAINT "amendments_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "amendments" ADD CONSTRAINT "amendments_author_member_id_members_id_fk" FOREIGN KEY ("author_member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "amendments" ADD CONSTRAINT "amendments_poll_id_polls_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."polls"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charter_articles" ADD CONSTRAINT "charter_articles_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charter_articles" ADD CONSTRAINT "charter_articles_adopted_poll_id_polls_id_fk" FOREIGN KEY ("adopted_poll_id") REFERENCES "public"."polls"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charter_settings" ADD CONSTRAINT "charter_settings_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charter_votes" ADD CONSTRAINT "charter_votes_poll_id_polls_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."polls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charter_votes" ADD CONSTRAINT "charter_votes_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charter_votes" ADD CONSTRAINT "charter_votes_amendment_id_amendments_id_fk" FOREIGN KEY ("amendment_id") REFERENCES "public"."amendments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "amendments_document_idx" ON "amendments" USING btree ("document_id","article_id","created_at");--> statement-breakpoint
CREATE INDEX "charter_votes_document_idx" ON "charter_votes" USING btree ("document_id","article_id");--> statement-breakpoint
CREATE INDEX "charter_votes_pending_idx" ON "charter_votes" USING btree ("outcome","applied_at");