/**
 * Consistency rules of a certification version file, beyond what the Zod schema can say.
 *
 * Pure functions, no I/O: the same checks run when a file is loaded from disk, when an admin edits
 * a version in the UI, and in tests. Every message is French and names the figures it compares,
 * because the reader is a responsable pédagogique fixing a file, not a developer.
 *
 * Hours are compared in whole minutes: sums of decimal hours (24.5 + 3.5 …) are not exact in
 * floating point, and the sources never go below the minute.
 */
import { formatHours, toMinutes } from '../../shared/format/hours.js';
import type {
  THourComponentKind,
  THourMaquette,
  TCertificationVersion,
  TJuryComposition,
  TModule,
} from './referentiel.schema.js';

export type TReferentielProblem = { path: string; message: string; severity: 'error' | 'warning' };

export type TVersionStatus = 'active' | 'closed' | 'upcoming';

export type THourTotals = {
  /** Total the source declares. */
  declared: number;
  componentsSum: number;
  byKind: Record<THourComponentKind, number>;
  /** null when there is nothing to compare (no components). */
  componentsMatch: boolean | null;
  /** Sum of the certifying modules' hours, null unless every certifying module has hours. */
  modulesSum: number | null;
  certifyingModuleCount: number;
  /** Certifying modules that state their hours. */
  modulesWithHours: number;
  modulesMatch: boolean | null;
};

const HOUR_KINDS: readonly THourComponentKind[] = ['seminar', 'thesis_workshop', 'mentoring', 'other'];

// One hour format for every message and screen (« 490 h », « 149 h 40 »), shared with the SPA.
export { formatHours, toMinutes } from '../../shared/format/hours.js';

function certifyingModules(modules: readonly TModule[]): TModule[] {
  // Optional, non-certifying modules (the cooperative module) are outside the maquette's total.
  return modules.filter((m) => m.certifying !== false && m.optional !== true);
}

export function computeHourTotals(hours: THourMaquette, modules: readonly TModule[] = []): THourTotals {
  const byKindMinutes: Record<THourComponentKind, number> = { seminar: 0, thesis_workshop: 0, mentoring: 0, other: 0 };
  let componentsMinutes = 0;
  for (const component of hours.components) {
    const minutes = toMinutes(component.hours);
    byKindMinutes[component.kind] += minutes;
    componentsMinutes += minutes;
  }
  const byKind = Object.fromEntries(HOUR_KINDS.map((k) => [k, byKindMinutes[k] / 60])) as Record<THourComponentKind, number>;

  const certifying = certifyingModules(modules);
  const withHours = certifying.filter((m) => m.hours !== undefined);
  const modulesMinutes =
    certifying.length > 0 && withHours.length === certifying.length
      ? withHours.reduce((sum, m) => sum + toMinutes(m.hours ?? 0), 0)
      : null;

  const declaredMinutes = toMinutes(hours.declaredTotalHours);
  return {
    declared: hours.declaredTotalHours,
    componentsSum: componentsMinutes / 60,
    byKind,
    // A maquette that gives only a total (Dijon 2009) has nothing to add up: not a mismatch.
    componentsMatch: hours.components.length > 0 ? declaredMinutes === componentsMinutes : null,
    modulesSum: modulesMinutes === null ? null : modulesMinutes / 60,
    certifyingModuleCount: certifying.length,
    modulesWithHours: withHours.length,
    modulesMatch: modulesMinutes !== null ? declaredMinutes === modulesMinutes : null,
  };
}

/** `today` is a local calendar date "YYYY-MM-DD"; ISO dates compare correctly as strings. */
export function versionStatus(version: TCertificationVersion, today: string): TVersionStatus {
  if (version.accessClosed || version.expiresOn < today) return 'closed';
  if (version.registeredOn > today) return 'upcoming';
  return 'active';
}

/** 2025-09-24 → 24/09/2025, the way the sources and the users write dates. */
export function formatDateFr(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

const error = (path: string, message: string): TReferentielProblem => ({ path, message, severity: 'error' });
const warning = (path: string, message: string): TReferentielProblem => ({ path, message, severity: 'warning' });

function checkBlocs(version: TCertificationVersion): TReferentielProblem[] {
  const problems: TReferentielProblem[] = [];
  const codes = new Map<string, number>();
  const fcCodes = new Map<string, number>();
  version.blocs.forEach((bloc, i) => {
    const first = codes.get(bloc.code);
    if (first !== undefined) {
      problems.push(error(`blocs[${i}].code`, `Le code de bloc « ${bloc.code} » est déjà utilisé par le bloc n° ${first + 1} (blocs[${first}]).`));
    } else codes.set(bloc.code, i);

    if (bloc.franceCompetencesCode !== undefined) {
      const firstFc = fcCodes.get(bloc.franceCompetencesCode);
      if (firstFc !== undefined) {
        problems.push(
          error(
            `blocs[${i}].franceCompetencesCode`,
            `Le code France compétences « ${bloc.franceCompetencesCode} » est déjà utilisé par le bloc n° ${firstFc + 1} (blocs[${firstFc}]).`,
          ),
        );
      } else fcCodes.set(bloc.franceCompetencesCode, i);
    }
    if (bloc.competencies.length === 0) {
      problems.push(error(`blocs[${i}].competencies`, `Le bloc « ${bloc.code} » ne comporte aucune compétence.`));
    }
    if (bloc.assessments.length === 0) {
      problems.push(warning(`blocs[${i}].assessments`, `Le bloc « ${bloc.code} » n'indique aucune modalité d'évaluation.`));
    }
  });
  return problems;
}

function checkDates(version: TCertificationVersion): TReferentielProblem[] {
  const problems: TReferentielProblem[] = [];
  if (version.registeredOn > version.expiresOn) {
    problems.push(
      error(
        'expiresOn',
        `La date d'échéance (${formatDateFr(version.expiresOn)}) précède la date d'enregistrement (${formatDateFr(version.registeredOn)}).`,
      ),
    );
  }
  version.registrationHistory.forEach((event, i) => {
    const previous = i > 0 ? version.registrationHistory[i - 1] : undefined;
    if (previous && event.date < previous.date) {
      problems.push(
        error(
          `registrationHistory[${i}].date`,
          `L'historique n'est pas dans l'ordre chronologique : l'acte du ${formatDateFr(event.date)} suit celui du ${formatDateFr(previous.date)}.`,
        ),
      );
    }
    if (event.effectiveFrom && event.until && event.effectiveFrom > event.until) {
      problems.push(
        error(
          `registrationHistory[${i}].until`,
          `La fin d'effet (${formatDateFr(event.until)}) précède le début d'effet (${formatDateFr(event.effectiveFrom)}).`,
        ),
      );
    }
  });
  return problems;
}

function checkHours(version: TCertificationVersion): TReferentielProblem[] {
  const problems: TReferentielProblem[] = [];
  const hours = version.hours;
  if (!hours) return problems;
  const totals = computeHourTotals(hours, version.modules);
  if (totals.componentsMatch === false) {
    problems.push(
      error(
        'hours.components',
        `Le total déclaré (${formatHours(hours.declaredTotalHours)}) ne correspond pas à la somme des composantes (${formatHours(totals.componentsSum)}).`,
      ),
    );
  }
  if (totals.modulesMatch === false && totals.modulesSum !== null) {
    const gap = Math.abs(toMinutes(hours.declaredTotalHours) - toMinutes(totals.modulesSum)) / 60;
    problems.push(
      error(
        'modules',
        `Les ${totals.certifyingModuleCount} modules totalisent ${formatHours(totals.modulesSum)} alors que la maquette déclare ${formatHours(hours.declaredTotalHours)} (écart de ${formatHours(gap)}).`,
      ),
    );
  }
  if (totals.modulesWithHours > 0 && totals.modulesWithHours < totals.certifyingModuleCount) {
    problems.push(
      warning(
        'modules',
        `Seuls ${totals.modulesWithHours} modules sur ${totals.certifyingModuleCount} indiquent leur volume horaire : leur somme ne peut pas être comparée au total.`,
      ),
    );
  }
  const size = hours.thesisWorkshopGroupSize;
  if (size && size.min > size.max) {
    problems.push(error('hours.thesisWorkshopGroupSize', `La taille minimale des ateliers mémoire (${size.min}) dépasse la taille maximale (${size.max}).`));
  }
  return problems;
}

/** Walks the whole file so a section added to the schema later is checked without new code. */
function collectSourceRefs(value: unknown, path: string, out: Array<{ path: string; id: string }>): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => collectSourceRefs(item, `${path}[${i}]`, out));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (key === 'source' && Array.isArray(child)) {
      child.forEach((id, i) => {
        if (typeof id === 'string') out.push({ path: `${childPath}[${i}]`, id });
      });
    } else if (key === 'source' && child !== null && typeof child === 'object' && typeof (child as { seed?: unknown }).seed === 'string') {
      // A quoted source of the evaluation plan: { seed, quote }.
      out.push({ path: `${childPath}.seed`, id: (child as { seed: string }).seed });
    } else if (key !== 'sources') collectSourceRefs(child, childPath, out);
  }
}

function checkSources(version: TCertificationVersion): TReferentielProblem[] {
  const problems: TReferentielProblem[] = [];
  const declared = new Set<string>();
  version.sources.forEach((source, i) => {
    if (declared.has(source.id)) problems.push(error(`sources[${i}].id`, `La source « ${source.id} » est déclarée deux fois.`));
    declared.add(source.id);
  });
  const refs: Array<{ path: string; id: string }> = [];
  collectSourceRefs(version, '', refs);
  for (const ref of refs) {
    if (!declared.has(ref.id)) {
      problems.push(error(ref.path, `La source « ${ref.id} » est citée mais n'est pas déclarée dans « sources ».`));
    }
  }
  return problems;
}

function checkLinks(version: TCertificationVersion): TReferentielProblem[] {
  const problems: TReferentielProblem[] = [];
  if (version.predecessor === version.code) {
    problems.push(error('predecessor', `La version « ${version.code} » ne peut pas être sa propre version précédente.`));
  }
  if (version.successor === version.code) {
    problems.push(error('successor', `La version « ${version.code} » ne peut pas être sa propre version suivante.`));
  }
  if (version.predecessor !== null && version.predecessor === version.successor) {
    problems.push(error('successor', `La version « ${version.predecessor} » est à la fois la précédente et la suivante.`));
  }
  return problems;
}

function juryMemberCount(jury: TJuryComposition): number {
  return jury.members.reduce((sum, m) => sum + m.count, 0);
}

function checkAccessRoutes(version: TCertificationVersion): TReferentielProblem[] {
  const problems: TReferentielProblem[] = [];
  const seen = new Map<string, number>();
  version.accessRoutes.forEach((route, i) => {
    const path = `accessRoutes[${i}]`;
    const first = seen.get(route.route);
    if (first !== undefined) problems.push(error(`${path}.route`, `La voie d'accès « ${route.label} » est décrite deux fois (accessRoutes[${first}]).`));
    else seen.set(route.route, i);

    const jury = route.jury;
    if (!jury) {
      if (route.open) problems.push(warning(`${path}.jury`, `La voie d'accès ouverte « ${route.label} » n'indique pas la composition de son jury.`));
      return;
    }
    if (!route.open) problems.push(warning(`${path}.jury`, `La voie d'accès « ${route.label} » est fermée mais décrit un jury.`));
    const kinds = new Map<string, number>();
    jury.members.forEach((member, j) => {
      const memberPath = `${path}.jury.members[${j}]`;
      const firstKind = kinds.get(member.kind);
      if (firstKind !== undefined) {
        problems.push(error(`${memberPath}.kind`, `Le jury de « ${route.label} » décrit deux fois la même catégorie de membres (members[${firstKind}]).`));
      } else kinds.set(member.kind, j);
      const required = member.mustInclude?.length ?? 0;
      if (required > member.count) {
        problems.push(
          error(`${memberPath}.count`, `${member.count} membre(s) « ${member.label} » ne peuvent pas inclure les ${required} personnes requises.`),
        );
      }
    });
    // Soutenances are judged by a mixed jury of Cnam teachers and professionals (002, 003).
    if (!kinds.has('cnam_teacher') || !kinds.has('professional')) {
      problems.push(warning(`${path}.jury`, `Le jury de « ${route.label} » n'est pas mixte (enseignants du Cnam et professionnels).`));
    }
    if (juryMemberCount(jury) < 3) {
      problems.push(warning(`${path}.jury`, `Le jury de « ${route.label} » ne compte que ${juryMemberCount(jury)} membre(s).`));
    }
  });
  return problems;
}

function checkAdmission(version: TCertificationVersion): TReferentielProblem[] {
  const admission = version.admission;
  if (!admission) return [];
  const problems: TReferentielProblem[] = [];
  if (admission.paths.length === 0) {
    problems.push(warning('admission.paths', "Aucune condition d'admission n'est décrite : la commission ne pourra pas vérifier les prérequis."));
  }
  const ids = new Map<string, number>();
  admission.paths.forEach((p, i) => {
    const first = ids.get(p.id);
    if (first !== undefined) problems.push(error(`admission.paths[${i}].id`, `L'identifiant de condition « ${p.id} » est déjà utilisé (admission.paths[${first}]).`));
    else ids.set(p.id, i);
  });
  return problems;
}

/** The plan's assessments point at blocs and rubrics of the version; ids are unique; every bloc is assessed. */
function checkEvaluationPlan(version: TCertificationVersion): TReferentielProblem[] {
  const plan = version.evaluationPlan;
  if (!plan) return [];
  const problems: TReferentielProblem[] = [];
  const blocCodes = new Set(version.blocs.map((b) => b.code));
  const rubricIds = new Set(plan.rubrics.map((r) => r.id));
  const seen = new Map<string, number>();
  plan.assessments.forEach((a, i) => {
    const path = `evaluationPlan.assessments[${i}]`;
    const first = seen.get(a.id);
    if (first !== undefined) problems.push(error(`${path}.id`, `L'identifiant d'épreuve « ${a.id} » est déjà utilisé (evaluationPlan.assessments[${first}]).`));
    else seen.set(a.id, i);
    a.blocs.forEach((code, j) => {
      if (!blocCodes.has(code)) problems.push(error(`${path}.blocs[${j}]`, `L'épreuve « ${a.label} » compte pour le bloc « ${code} », qui n'existe pas dans cette version.`));
    });
    if (a.rubric && !rubricIds.has(a.rubric)) problems.push(error(`${path}.rubric`, `La grille « ${a.rubric} » de l'épreuve « ${a.label} » n'est pas décrite dans evaluationPlan.rubrics.`));
    if (a.scale.kind === 'mark20' && a.rubric) {
      const rubric = plan.rubrics.find((r) => r.id === a.rubric);
      const max = rubric ? rubric.criteria.length * Math.max(...rubric.levels.map((l) => l.points)) : 20;
      if (max > 20) problems.push(error(`${path}.rubric`, `La grille « ${a.rubric} » donne jusqu'à ${max} points : une note sur 20 ne peut pas les contenir.`));
    }
  });
  version.blocs.forEach((bloc, i) => {
    if (!plan.assessments.some((a) => a.blocs.includes(bloc.code))) {
      problems.push(warning(`blocs[${i}]`, `Aucune épreuve du plan d'évaluation ne compte pour le bloc « ${bloc.code} » : il ne pourra pas être proposé à la validation.`));
    }
  });
  return problems;
}

export function checkCertificationVersion(version: TCertificationVersion): TReferentielProblem[] {
  return [
    ...checkBlocs(version),
    ...checkDates(version),
    ...checkHours(version),
    ...checkSources(version),
    ...checkLinks(version),
    ...checkAccessRoutes(version),
    ...checkAdmission(version),
    ...checkEvaluationPlan(version),
  ];
}

/**
 * Predecessor/successor pointers among the loaded versions, family by family:
 * A.successor = B ⇔ B.predecessor = A, no pointer across families, no cycle.
 * Paths are prefixed with the version code ("RNCP35080.successor") since several files are involved.
 */
export function checkLineage(versions: readonly TCertificationVersion[]): TReferentielProblem[] {
  const problems: TReferentielProblem[] = [];
  const byCode = new Map<string, TCertificationVersion>();
  for (const v of versions) {
    if (byCode.has(v.code)) problems.push(error(`${v.code}.code`, `Deux fichiers déclarent la même version « ${v.code} ».`));
    else byCode.set(v.code, v);
  }

  for (const v of byCode.values()) {
    for (const [field, back, label] of [
      ['successor', 'predecessor', 'suivante'],
      ['predecessor', 'successor', 'précédente'],
    ] as const) {
      const target = v[field];
      if (target === null) continue;
      const other = byCode.get(target);
      if (!other) {
        problems.push(warning(`${v.code}.${field}`, `La version ${label} « ${target} » de « ${v.code} » n'est pas chargée.`));
        continue;
      }
      if (other.family !== v.family) {
        problems.push(error(`${v.code}.${field}`, `La version ${label} « ${target} » appartient à une autre famille (« ${other.family} » au lieu de « ${v.family} »).`));
      }
      if (other[back] !== v.code) {
        const actual = other[back] === null ? 'aucune' : `« ${other[back]} »`;
        problems.push(
          error(`${target}.${back}`, `« ${v.code} » désigne « ${target} » comme version ${label}, mais « ${target} » indique ${actual} en retour.`),
        );
      }
    }
    const next = v.successor === null ? undefined : byCode.get(v.successor);
    if (next && next.registeredOn < v.registeredOn) {
      problems.push(
        warning(`${v.code}.successor`, `La version suivante « ${next.code} » est enregistrée (${formatDateFr(next.registeredOn)}) avant « ${v.code} » (${formatDateFr(v.registeredOn)}).`),
      );
    }
  }

  // A cycle shows up as a successor chain that comes back to a version already on it.
  const reported = new Set<string>();
  for (const start of byCode.values()) {
    const chain: string[] = [];
    let current: TCertificationVersion | undefined = start;
    while (current && !chain.includes(current.code)) {
      chain.push(current.code);
      current = current.successor === null ? undefined : byCode.get(current.successor);
    }
    if (current) {
      const cycle = chain.slice(chain.indexOf(current.code));
      const key = [...cycle].sort().join('|');
      if (!reported.has(key)) {
        reported.add(key);
        problems.push(error(`${current.code}.successor`, `Les versions forment un cycle : ${[...cycle, current.code].join(' → ')}.`));
      }
    }
  }
  return problems;
}
