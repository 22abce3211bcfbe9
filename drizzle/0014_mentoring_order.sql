ALTER TABLE "mentoring_meeting_events" ADD COLUMN "seq" bigserial NOT NULL;--> statement-breakpoint
ALTER TABLE "mentoring_notes" ADD COLUMN "seq" bigserial NOT NULL;