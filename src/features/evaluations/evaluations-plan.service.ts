/**
 * The evaluation plan of a version as the API shows it, and the bloc rules a responsable sets (decision
 * 024): the file gives the default, each setting is a new append-only row (who, when, why), the latest holds.
 */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { TDb, TDbOrTx } from '../../db/client.js';
import { conflict, notFound } from '../../http/errors.js';
import { enforce } from '../../policies/decision.js';
import { canChangeBlocRules } from '../../policies/evaluations.policy.js';
import { authorize, type TActor } from '../../policies/policies.js';
import { recordAudit, type TAuditActor } from '../audit/audit.service.js';
import { users } from '../auth/auth.tables.js';
import type { TBlocRule, TEvaluationPlan } from '../referentiel/evaluation-plan.schema.js';
import { certificationVersions } from '../referentiel/referentiel.tables.js';
import type { TCertificationVersion } from '../referentiel/referentiel.schema.js';
import { assessmentsOfBloc, effectiveBlocRule } from './evaluations.rules.js';
import { blocRuleSettings } from './evaluations.tables.js';

export type TVersionRow = typeof certificationVersions.$inferSelect;

/** The version's plan, or a 409 saying the version has none (an older file, a new title without one). */
export function planOf(document: TCertificationVersion): TEvaluationPlan {
  if (!document.evaluationPlan) throw conflict(`La version ${document.code} n’a pas de plan d’évaluation : importez un fichier qui le décrit.`);
  return document.evaluationPlan;
}

/** Every setting of the version's bloc rules, newest first, with the names of who set them. */
export async function loadRuleSettings(db: TDbOrTx, versionId: string) {
  const rows = await db
    .select({ s: blocRuleSettings, setByName: users.name })
    .from(blocRuleSettings)
    .leftJoin(users, eq(users.id, blocRuleSettings.setBy))
    .where(eq(blocRuleSettings.versionId, versionId))
    .orderBy(asc(blocRuleSettings.blocCode), desc(blocRuleSettings.seq));
  return rows.map((r) => ({ ...r.s, setByName: r.setByName ?? '' }));
}

/** The rule in force for each bloc of the version: the latest setting, else the file's default. */
export async function loadEffectiveRules(db: TDbOrTx, version: TVersionRow): Promise<Map<string, TBlocRule>> {
  const plan = planOf(version.document);
  const settings = await loadRuleSettings(db, version.id);
  return new Map(version.document.blocs.map((b) => [b.code, effectiveBlocRule(plan, settings.find((s) => s.blocCode === b.code)?.rule)]));
}

async function loadVersion(db: TDbOrTx, code: string): Promise<TVersionRow> {
  const [row] = await db.select().from(certificationVersions).where(eq(certificationVersions.code, code));
  if (!row) throw notFound(`Version de certification introuvable : ${code}`);
  return row;
}

export async function loadVersionsById(db: TDbOrTx, ids: string[]): Promise<TVersionRow[]> {
  return ids.length ? db.select().from(certificationVersions).where(inArray(certificationVersions.id, ids)) : [];
}

/** The plan of a version: assessments, rubrics, each bloc with its assessments, its rule in force and its history. */
export async function getEvaluationPlan(o: { db: TDbOrTx; actor: TActor; code: string }) {
  authorize(o.actor, 'referentiel:read');
  const version = await loadVersion(o.db, o.code);
  const plan = planOf(version.document);
  const settings = await loadRuleSettings(o.db, version.id);
  return {
    code: version.code,
    title: version.title,
    source: plan.source,
    assessments: plan.assessments,
    rubrics: plan.rubrics,
    defaultRule: plan.defaultBlocRule,
    blocs: version.document.blocs.map((b) => {
      const history = settings.filter((s) => s.blocCode === b.code);
      return {
        code: b.code,
        title: b.title,
        assessmentIds: assessmentsOfBloc(plan, b.code).map((a) => a.id),
        rule: effectiveBlocRule(plan, history[0]?.rule),
        isDefault: history.length === 0,
        history: history.map((s) => ({ rule: s.rule, reason: s.reason, setBy: { id: s.setBy, name: s.setByName }, setAt: s.setAt.toISOString() })),
      };
    }),
    permissions: { changeRules: canChangeBlocRules(o.actor).allowed },
  };
}

/** A responsable sets a bloc's rule (a new row; the older ones stay, and say what held before). */
export async function setBlocRule(o: { db: TDb; actor: TActor; audit: TAuditActor; code: string; blocCode: string; rule: TBlocRule; reason: string; now: Date }) {
  enforce(canChangeBlocRules(o.actor));
  await o.db.transaction(async (tx) => {
    const version = await loadVersion(tx, o.code);
    const plan = planOf(version.document);
    if (!version.document.blocs.some((b) => b.code === o.blocCode)) throw notFound(`Bloc introuvable dans ${version.code} : ${o.blocCode}`);
    const [last] = await tx
      .select()
      .from(blocRuleSettings)
      .where(and(eq(blocRuleSettings.versionId, version.id), eq(blocRuleSettings.blocCode, o.blocCode)))
      .orderBy(desc(blocRuleSettings.seq))
      .limit(1);
    const before = effectiveBlocRule(plan, last?.rule);
    await tx.insert(blocRuleSettings).values({ versionId: version.id, blocCode: o.blocCode, seq: (last?.seq ?? 0) + 1, rule: o.rule, reason: o.reason, setBy: o.actor.userId, setAt: o.now });
    await recordAudit(tx, o.audit, { action: 'evaluations.bloc_rule_set', entityType: 'certification_version', entityId: `${version.code}:${o.blocCode}`, before, after: { rule: o.rule, reason: o.reason } });
  });
  return getEvaluationPlan({ db: o.db, actor: o.actor, code: o.code });
}
