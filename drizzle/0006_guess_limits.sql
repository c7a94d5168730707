CREATE TABLE "guess_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"score" double precision DEFAULT 0 NOT NULL,
	"at" bigint NOT NULL,
	"blocked_until" bigint DEFAULT 0 NOT NULL,
	"expires_at" bigint NOT NULL,
	"value" text
);
--> statement-breakpoint
ALTER TABLE "workshops" ADD COLUMN "join_open" boolean DEFAULT true NOT NULL;--> statement-breakpoint
CREATE INDEX "guess_limits_expires_idx" ON "guess_limits" USING btree ("expires_at");