CREATE TABLE "wall_dots" (
	"document_id" uuid NOT NULL,
	"card_id" text NOT NULL,
	"member_id" uuid NOT NULL,
	"dots" integer NOT NULL,
	CONSTRAINT "wall_dots_document_id_member_id_card_id_pk" PRIMARY KEY("document_id","member_id","card_id")
);
--> statement-breakpoint
CREATE TABLE "wall_settings" (
	"document_id" uuid PRIMARY KEY NOT NULL,
	"dots_per_member" integer DEFAULT 3 NOT NULL,
	"voting_open" boolean DEFAULT false NOT NULL,
	"revealed" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "document_contributors" (
	"document_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"first_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "document_contributors_document_id_member_id_pk" PRIMARY KEY("document_id","member_id")
);
--> statement-breakpoint
ALTER TABLE "wall_dots" ADD CONSTRAINT "wall_dots_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wall_dots" ADD CONSTRAINT "wall_dots_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wall_settings" ADD CONSTRAINT "wall_settings_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_contributors" ADD CONSTRAINT "document_contributors_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_contributors" ADD CONSTRAINT "document_contributors_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "document_contributors_member_idx" ON "document_contributors" USING btree ("member_id");