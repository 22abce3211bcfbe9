CREATE TABLE "juries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cohort_id" uuid NOT NULL,
	"label" text NOT NULL,
	"route" text NOT NULL,
	"supervisor_rule" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"constituted_at" timestamp with time zone,
	"constituted_by" text
);
--> statement-breakpoint
CREATE TABLE "jury_cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"jury_id" uuid NOT NULL,
	"learner_id" text NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	CONSTRAINT "jury_cases_learner_uq" UNIQUE("jury_id","learner_id")
);
--> statement-breakpoint
CREATE TABLE "jury_members" (
	"user_id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"organisation" text,
	"represents_responsable" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jury_seats" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"jury_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"kind" text NOT NULL,
	"represents_responsable" boolean DEFAULT false NOT NULL,
	"president" boolean DEFAULT false NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	CONSTRAINT "jury_seats_member_uq" UNIQUE("jury_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "juries" ADD CONSTRAINT "juries_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jury_cases" ADD CONSTRAINT "jury_cases_jury_id_juries_id_fk" FOREIGN KEY ("jury_id") REFERENCES "public"."juries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jury_cases" ADD CONSTRAINT "jury_cases_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jury_members" ADD CONSTRAINT "jury_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jury_seats" ADD CONSTRAINT "jury_seats_jury_id_juries_id_fk" FOREIGN KEY ("jury_id") REFERENCES "public"."juries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jury_seats" ADD CONSTRAINT "jury_seats_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "juries_cohort_idx" ON "juries" USING btree ("cohort_id");--> statement-breakpoint
CREATE INDEX "jury_cases_learner_idx" ON "jury_cases" USING btree ("learner_id");--> statement-breakpoint
CREATE INDEX "jury_seats_user_idx" ON "jury_seats" USING btree ("user_id");