CREATE TABLE "learner_milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cohort_id" uuid NOT NULL,
	"learner_id" text NOT NULL,
	"kind" text NOT NULL,
	"due_on" date,
	"done_at" timestamp with time zone,
	"done_by" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "learner_milestones_uq" UNIQUE("cohort_id","learner_id","kind")
);
--> statement-breakpoint
CREATE TABLE "milestone_reminders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cohort_id" uuid NOT NULL,
	"learner_id" text NOT NULL,
	"kind" text NOT NULL,
	"days_before" integer NOT NULL,
	"due_on" date NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "milestone_reminders_once_uq" UNIQUE("cohort_id","learner_id","kind","days_before","due_on")
);
--> statement-breakpoint
CREATE TABLE "thesis_milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cohort_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"due_on" date NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "thesis_milestones_cohort_kind_uq" UNIQUE("cohort_id","kind")
);
--> statement-breakpoint
CREATE TABLE "calendar_markers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cohort_id" uuid NOT NULL,
	"source" text NOT NULL,
	"source_id" text NOT NULL,
	"on" date NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "calendar_markers_source_uq" UNIQUE("source","source_id")
);
--> statement-breakpoint
ALTER TABLE "learner_milestones" ADD CONSTRAINT "learner_milestones_cohort_learner_fk" FOREIGN KEY ("cohort_id","learner_id") REFERENCES "public"."cohort_learners"("cohort_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone_reminders" ADD CONSTRAINT "milestone_reminders_cohort_learner_fk" FOREIGN KEY ("cohort_id","learner_id") REFERENCES "public"."cohort_learners"("cohort_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "thesis_milestones" ADD CONSTRAINT "thesis_milestones_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_markers" ADD CONSTRAINT "calendar_markers_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "milestone_reminders_learner_idx" ON "milestone_reminders" USING btree ("learner_id");--> statement-breakpoint
CREATE INDEX "calendar_markers_cohort_idx" ON "calendar_markers" USING btree ("cohort_id","on");