-- One application per person, per diploma, per intake (issue 8, item 2; docs/decisions/011-one-application-per-intake.md):
-- the year of the rule was the year of filing; it becomes the year the promotion applied for starts.
ALTER TABLE "applications" RENAME COLUMN "year" TO "intake_year";--> statement-breakpoint
ALTER TABLE "applications" DROP CONSTRAINT "applications_identity_family_year_uq";--> statement-breakpoint
UPDATE "applications" AS a SET "intake_year" = EXTRACT(YEAR FROM c."starts_on")::integer FROM "cohorts" AS c WHERE c."id" = a."cohort_id";--> statement-breakpoint
-- Two files of one person for one diploma and one intake can only exist if they were filed across a 1 January
-- (the fault this migration closes). Their histories are records (never deleted), and which one stands is the
-- centre's choice: the migration stops, all or nothing, and names them; the other file is moved to another
-- promotion (or its person's identity corrected) before the migration runs again.
DO $$
DECLARE duplicates text;
BEGIN
  SELECT string_agg(refs, ' ; ') INTO duplicates FROM (
    SELECT string_agg("reference", ', ' ORDER BY "created_at") AS refs
    FROM "applications" GROUP BY "identity_key", "family", "intake_year" HAVING count(*) > 1
  ) AS d;
  IF duplicates IS NOT NULL THEN
    RAISE EXCEPTION 'Candidatures en double pour une même personne, un même diplôme et une même rentrée : %. Une seule peut rester sur cette rentrée : rattachez les autres à une autre promotion, puis relancez la migration.', duplicates;
  END IF;
END $$;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_identity_family_intake_uq" UNIQUE("identity_key","family","intake_year");
