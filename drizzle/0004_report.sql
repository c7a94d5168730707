CREATE TABLE "document_contributors" (
	"document_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"first_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "document_contributors_document_id_member_id_pk" PRIMARY KEY("document_id","member_id")
);
--> statement-breakpoint
ALTER TABLE "document_contributors" ADD CONSTRAINT "document_contributors_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_contributors" ADD CONSTRAINT "document_contributors_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "document_contributors_member_idx" ON "document_contributors" USING btree ("member_id");