CREATE TABLE "table_members" (
	"table_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "table_members_table_id_member_id_pk" PRIMARY KEY("table_id","member_id"),
	CONSTRAINT "table_members_member_id_unique" UNIQUE("member_id")
);
--> statement-breakpoint
CREATE TABLE "workshop_tables" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workshop_id" uuid NOT NULL,
	"name" text NOT NULL,
	"relay_member_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "table_members" ADD CONSTRAINT "table_members_table_id_workshop_tables_id_fk" FOREIGN KEY ("table_id") REFERENCES "public"."workshop_tables"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "table_members" ADD CONSTRAINT "table_members_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_tables" ADD CONSTRAINT "workshop_tables_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_tables" ADD CONSTRAINT "workshop_tables_relay_member_id_members_id_fk" FOREIGN KEY ("relay_member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "workshop_tables_workshop_idx" ON "workshop_tables" USING btree ("workshop_id");--> statement-breakpoint
CREATE INDEX "workshop_tables_relay_idx" ON "workshop_tables" USING btree ("relay_member_id");