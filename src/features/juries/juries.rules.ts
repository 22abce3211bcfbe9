/**
 * Jury composition (decision 026), pure: a version's composition rule for a route (002: training routes
 * « 2 enseignants du CNAM, 2 professionnels exerçant ou ayant exercé dans des organismes à vocation
 * sociale ou culturelle »; VAE « l'administrateur général du Cnam ou son représentant, quatre enseignants
 * du Cnam dont le responsable pédagogique du titre ou son représentant, deux représentants qualifiés des
 * professions concernées par le titre »), checked against the members seated, then per case once the
 * conflicted members and the supervisor rule are applied.
 *
 * The counts are read as exact: a jury with a member more than the fiche lists is reported too, so that
 * the minutes name the composition the fiche states.
 */
import type { TCertificationVersion, TJuryComposition } from '../referentiel/referentiel.schema.js';
import { JURY_MEMBER_KIND_NOUNS, type TJuryMemberKind, type TJuryRoute, type TSupervisorRule } from '../../shared/vocabulary/juries.js';

export type TSeat = { userId: string; name: string; kind: TJuryMemberKind; representsResponsable: boolean };

export type TCompositionProblem =
  | { type: 'missing'; kind: TJuryMemberKind; count: number; message: string }
  | { type: 'surplus'; kind: TJuryMemberKind; count: number; message: string }
  | { type: 'responsable_missing'; kind: TJuryMemberKind; message: string };

export type TCompositionCheck = { valid: boolean; problems: TCompositionProblem[] };

const noun = (kind: TJuryMemberKind, n: number) => JURY_MEMBER_KIND_NOUNS[kind][n > 1 ? 1 : 0];

/** Whether a `mustInclude` line of the fiche asks for the responsable pédagogique of the title (or their representative). */
const asksForResponsable = (line: string) => /responsable p[ée]dagogique/i.test(line);

/** The composition a version states for a route: VAE's own, or the one of its open training routes. */
export function compositionFor(version: Pick<TCertificationVersion, 'accessRoutes'>, route: TJuryRoute): TJuryComposition | null {
  const routes = version.accessRoutes.filter((r) => r.open && r.jury && (route === 'vae' ? r.route === 'vae' : r.route !== 'vae'));
  return routes[0]?.jury ?? null;
}

/** Checks the seats against the rule and names exactly what is missing or in surplus. */
export function checkComposition(rule: TJuryComposition, seats: readonly Pick<TSeat, 'kind' | 'representsResponsable'>[]): TCompositionCheck {
  const problems: TCompositionProblem[] = [];
  for (const m of rule.members) {
    const ofKind = seats.filter((s) => s.kind === m.kind);
    if (ofKind.length < m.count) {
      const n = m.count - ofKind.length;
      problems.push({ type: 'missing', kind: m.kind, count: n, message: `il manque ${n} ${noun(m.kind, n)}` });
    } else if (ofKind.length > m.count) {
      const n = ofKind.length - m.count;
      problems.push({ type: 'surplus', kind: m.kind, count: n, message: `${n} ${noun(m.kind, n)} de trop (la fiche en prévoit ${m.count})` });
    }
    for (const line of m.mustInclude ?? []) {
      if (asksForResponsable(line) && !ofKind.some((s) => s.representsResponsable)) {
        problems.push({ type: 'responsable_missing', kind: m.kind, message: `il manque le ${line.replace(/^(le|la)\s+/i, '')} parmi les ${noun(m.kind, 2)}` });
      }
    }
  }
  for (const kind of new Set(seats.map((s) => s.kind))) {
    if (!rule.members.some((m) => m.kind === kind)) {
      const n = seats.filter((s) => s.kind === kind).length;
      problems.push({ type: 'surplus', kind, count: n, message: `${n} ${noun(kind, n)} de trop (la fiche n’en prévoit pas)` });
    }
  }
  return { valid: problems.length === 0, problems };
}

export type TCaseFacts = { learnerId: string; supervisorId: string | null; conflictedUserIds: ReadonlySet<string> };
export type TExclusion = { userId: string; name: string; reason: 'conflict' | 'supervisor'; message: string };

/**
 * Who judges one case: the seats less the members in conflict with the learner, less the supervisor when
 * the rule keeps them out; a supervisor who sits without a vote is present but not counted.
 */
export function caseBench(seats: readonly TSeat[], facts: TCaseFacts, supervisorRule: TSupervisorRule) {
  const excluded: TExclusion[] = [];
  const present: TSeat[] = [];
  const voting: TSeat[] = [];
  for (const s of seats) {
    if (facts.conflictedUserIds.has(s.userId)) {
      excluded.push({ userId: s.userId, name: s.name, reason: 'conflict', message: `${s.name} a déclaré un conflit d’intérêts avec l’auditeur·rice : ne siège pas sur ce dossier` });
      continue;
    }
    if (s.userId === facts.supervisorId && supervisorRule === 'may_not_sit') {
      excluded.push({ userId: s.userId, name: s.name, reason: 'supervisor', message: `${s.name} dirige ce mémoire : ne siège pas sur ce dossier` });
      continue;
    }
    present.push(s);
    if (!(s.userId === facts.supervisorId && supervisorRule === 'sits_without_vote')) voting.push(s);
  }
  return { present, voting, excluded };
}

/** The composition of one case's voting bench, with the exclusions that explain a gap. */
export function checkCase(rule: TJuryComposition, seats: readonly TSeat[], facts: TCaseFacts, supervisorRule: TSupervisorRule) {
  const bench = caseBench(seats, facts, supervisorRule);
  return { ...checkComposition(rule, bench.voting), ...bench };
}
