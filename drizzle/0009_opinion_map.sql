CREATE TABLE "opinion_maps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workshop_id" uuid NOT NULL,
	"prompt" text NOT NULL,
	"moderation" text DEFAULT 'post' NOT NULL,
	"open" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"analysis_version" integer DEFAULT 0 NOT NULL,
	"memory" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opinion_statements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"map_id" uuid NOT NULL,
	"author_member_id" uuid,
	"text" text NOT NULL,
	"status" text NOT NULL,
	"seed" boolean DEFAULT false NOT NULL,
	"promotions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"seq" serial NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opinion_votes" (
	"map_id" uuid NOT NULL,
	"statement_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"vote" smallint NOT NULL,
	"voted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "opinion_votes_statement_id_member_id_pk" PRIMARY KEY("statement_id","member_id"),
	CONSTRAINT "opinion_votes_vote_check" CHECK ("opinion_votes"."vote" in (-1, 0, 1))
);
--> statement-breakpoint
ALTER TABLE "opinion_maps" ADD CONSTRAINT "opinion_maps_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinion_maps" ADD CONSTRAINT "opinion_maps_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinion_statements" ADD CONSTRAINT "opinion_statements_map_id_opinion_maps_id_fk" FOREIGN KEY ("map_id") REFERENCES "public"."opinion_maps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinion_statements" ADD CONSTRAINT "opinion_statements_author_member_id_members_id_fk" FOREIGN KEY ("author_member_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinion_votes" ADD CONSTRAINT "opinion_votes_map_id_opinion_maps_id_fk" FOREIGN KEY ("map_id") REFERENCES "public"."opinion_maps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinion_votes" ADD CONSTRAINT "opinion_votes_statement_id_opinion_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."opinion_statements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinion_votes" ADD CONSTRAINT "opinion_votes_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "opinion_maps_workshop_idx" ON "opinion_maps" USING btree ("workshop_id","created_at");--> statement-breakpoint
CREATE INDEX "opinion_statements_map_idx" ON "opinion_statements" USING btree ("map_id","seq");--> statement-breakpoint
CREATE INDEX "opinion_votes_map_member_idx" ON "opinion_votes" USING btree ("map_id","member_id");