ALTER TABLE "members" ADD COLUMN "locale" text DEFAULT 'fr' NOT NULL;
