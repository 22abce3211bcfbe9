ALTER TABLE "evaluation_marks" ADD COLUMN "comment" text;--> statement-breakpoint
ALTER TABLE "evaluation_marks" ADD COLUMN "jury_case_id" uuid;