ALTER TABLE "centres" ADD COLUMN "school_zone" text;--> statement-breakpoint
ALTER TABLE "centres" ADD COLUMN "siret" text;--> statement-breakpoint
ALTER TABLE "centres" ADD COLUMN "declaration_number" text;--> statement-breakpoint
ALTER TABLE "centres" ADD CONSTRAINT "centres_school_zone_check" CHECK ("centres"."school_zone" IN ('A', 'B', 'C'));--> statement-breakpoint
ALTER TABLE "centres" ADD CONSTRAINT "centres_siret_check" CHECK ("centres"."siret" ~ '^[0-9]{14}$');--> statement-breakpoint
ALTER TABLE "centres" ADD CONSTRAINT "centres_declaration_number_check" CHECK (length("centres"."declaration_number") = 11);--> statement-breakpoint
-- The zone was a constant in code (Paris C, Lille B, Nantes B, Dijon A: the académies' zones, arrêté du 16 novembre 2015): it becomes data of the centre.
UPDATE "centres" SET "school_zone" = CASE "code" WHEN 'PARIS' THEN 'C' WHEN 'LILLE' THEN 'B' WHEN 'NANTES' THEN 'B' WHEN 'DIJON' THEN 'A' END WHERE "code" IN ('PARIS', 'LILLE', 'NANTES', 'DIJON');
