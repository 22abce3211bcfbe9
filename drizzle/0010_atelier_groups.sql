CREATE TABLE "atelier_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cohort_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"leader_id" text NOT NULL,
	"proposal_id" uuid,
	"since" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "atelier_groups_cohort_number_uq" UNIQUE("cohort_id","number")
);
--> statement-breakpoint
CREATE TABLE "atelier_leaders" (
	"cohort_id" uuid NOT NULL,
	"leader_id" text NOT NULL,
	"max_groups" integer DEFAULT 1 NOT NULL,
	"themes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "atelier_leaders_pk" PRIMARY KEY("cohort_id","leader_id"),
	CONSTRAINT "atelier_leaders_max_groups" CHECK ("atelier_leaders"."max_groups" between 0 and 50)
);
--> statement-breakpoint
CREATE TABLE "atelier_members" (
	"cohort_id" uuid NOT NULL,
	"learner_id" text NOT NULL,
	"group_id" uuid NOT NULL,
	"since" timestamp with time zone NOT NULL,
	CONSTRAINT "atelier_members_pk" PRIMARY KEY("cohort_id","learner_id")
);
--> statement-breakpoint
CREATE TABLE "atelier_membership_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cohort_id" uuid NOT NULL,
	"learner_id" text NOT NULL,
	"from_group_id" uuid,
	"to_group_id" uuid,
	"kind" text NOT NULL,
	"proposal_id" uuid,
	"reason" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" text NOT NULL,
	"actor_label" text NOT NULL,
	"chain_seq" integer DEFAULT 0 NOT NULL,
	"prev_hash" text,
	"record_hash" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "atelier_pairs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cohort_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"learner_a" text NOT NULL,
	"learner_b" text NOT NULL,
	"reason" text,
	"declared_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "atelier_pairs_uq" UNIQUE("cohort_id","learner_a","learner_b"),
	CONSTRAINT "atelier_pairs_ordered" CHECK ("atelier_pairs"."learner_a" < "atelier_pairs"."learner_b")
);
--> statement-breakpoint
CREATE TABLE "atelier_proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cohort_id" uuid NOT NULL,
	"job_id" uuid,
	"status" text DEFAULT 'queued' NOT NULL,
	"input" jsonb NOT NULL,
	"time_limit_seconds" integer NOT NULL,
	"based_on_changes" integer NOT NULL,
	"result" jsonb,
	"objective" real,
	"bound" real,
	"gap" real,
	"solve_ms" integer,
	"error" text,
	"requested_by" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"accepted_by" text,
	"accepted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "atelier_wishes" (
	"cohort_id" uuid NOT NULL,
	"learner_id" text NOT NULL,
	"wished_leader_id" text,
	"wished_theme" text,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "atelier_wishes_pk" PRIMARY KEY("cohort_id","learner_id")
);
--> statement-breakpoint
ALTER TABLE "atelier_groups" ADD CONSTRAINT "atelier_groups_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "atelier_groups" ADD CONSTRAINT "atelier_groups_leader_id_users_id_fk" FOREIGN KEY ("leader_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "atelier_groups" ADD CONSTRAINT "atelier_groups_proposal_id_atelier_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."atelier_proposals"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "atelier_leaders" ADD CONSTRAINT "atelier_leaders_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "atelier_leaders" ADD CONSTRAINT "atelier_leaders_leader_id_users_id_fk" FOREIGN KEY ("leader_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "atelier_members" ADD CONSTRAINT "atelier_members_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "atelier_members" ADD CONSTRAINT "atelier_members_group_id_atelier_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."atelier_groups"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "atelier_members" ADD CONSTRAINT "atelier_members_cohort_learner_fk" FOREIGN KEY ("cohort_id","learner_id") REFERENCES "public"."cohort_learners"("cohort_id","user_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "atelier_membership_events" ADD CONSTRAINT "atelier_membership_events_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "atelier_pairs" ADD CONSTRAINT "atelier_pairs_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "atelier_pairs" ADD CONSTRAINT "atelier_pairs_a_fk" FOREIGN KEY ("cohort_id","learner_a") REFERENCES "public"."cohort_learners"("cohort_id","user_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "atelier_pairs" ADD CONSTRAINT "atelier_pairs_b_fk" FOREIGN KEY ("cohort_id","learner_b") REFERENCES "public"."cohort_learners"("cohort_id","user_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "atelier_proposals" ADD CONSTRAINT "atelier_proposals_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "atelier_proposals" ADD CONSTRAINT "atelier_proposals_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "atelier_wishes" ADD CONSTRAINT "atelier_wishes_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "atelier_wishes" ADD CONSTRAINT "atelier_wishes_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "atelier_wishes" ADD CONSTRAINT "atelier_wishes_wished_leader_id_users_id_fk" FOREIGN KEY ("wished_leader_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "atelier_wishes" ADD CONSTRAINT "atelier_wishes_cohort_learner_fk" FOREIGN KEY ("cohort_id","learner_id") REFERENCES "public"."cohort_learners"("cohort_id","user_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "atelier_groups_leader_idx" ON "atelier_groups" USING btree ("leader_id");--> statement-breakpoint
CREATE INDEX "atelier_members_group_idx" ON "atelier_members" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "atelier_membership_events_learner_idx" ON "atelier_membership_events" USING btree ("cohort_id","learner_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "atelier_membership_events_chain_uq" ON "atelier_membership_events" USING btree ("cohort_id","chain_seq");--> statement-breakpoint
CREATE INDEX "atelier_proposals_cohort_idx" ON "atelier_proposals" USING btree ("cohort_id","requested_at");--> statement-breakpoint
-- A change of atelier group is an explicit act (decision 020): its history is a register (decision 006)
-- that refuses any change, each event chained within its promotion.
CREATE TRIGGER atelier_membership_events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON atelier_membership_events FOR EACH STATEMENT EXECUTE FUNCTION movsc_refuse_change();
--> statement-breakpoint
CREATE TRIGGER atelier_membership_events_chain BEFORE INSERT ON atelier_membership_events FOR EACH ROW EXECUTE FUNCTION movsc_chain_record('cohort_id', 'id,cohort_id,learner_id,from_group_id,to_group_id,kind,proposal_id,reason,at,actor_id,actor_label');
