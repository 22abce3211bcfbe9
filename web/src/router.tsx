/**
 * The route tree (code-based). Everything but /connexion sits under the authenticated layout,
 * which sends signed-out visitors to /connexion?redirect=… and renders the app shell.
 */
import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, createRouter, lazyRouteComponent, Outlet, redirect, type AsyncRouteComponent } from '@tanstack/react-router';
import type { TAbility } from './lib/labels';
import { RequireAbility } from './components/AccessDenied';
import { ErrorAlert, PageLoader } from './components/states';
import { meQuery, safeRedirect } from './lib/auth';
import { validateAuditSearch, validateGlobalSearch, validateSignInSearch, validateUsersSearch } from './lib/search';
import { NotFoundPage } from './routes/NotFoundPage';
import { SignInPage } from './routes/sign-in/SignInPage';
import { validateApplicationsSearch } from './routes/admissions/search';
import { validateThesesSearch } from './routes/memoire/record/search';

// Every page but sign-in and the 404 is its own chunk, and so is the signed-in shell, loaded when its route is entered
// (or hovered: defaultPreload 'intent'), so the sign-in screen downloads only what it shows.
const AppLayout = lazyRouteComponent(() => import('./routes/app/AppLayout'), 'AppLayout');
const AccountPage = lazyRouteComponent(() => import('./routes/account/AccountPage'), 'AccountPage');
const AuditPage = lazyRouteComponent(() => import('./routes/admin/journal/AuditPage'), 'AuditPage');
const CentresPage = lazyRouteComponent(() => import('./routes/admin/centres/CentresPage'), 'CentresPage');
const SchoolHolidaysPage = lazyRouteComponent(() => import('./routes/admin/holidays/SchoolHolidaysPage'), 'SchoolHolidaysPage');
const UsersPage = lazyRouteComponent(() => import('./routes/admin/users/UsersPage'), 'UsersPage');
const HomePage = lazyRouteComponent(() => import('./routes/home/HomePage'), 'HomePage');
const ImportPage = lazyRouteComponent(() => import('./routes/referentiel/import/ImportPage'), 'ImportPage');
const VersionPage = lazyRouteComponent(() => import('./routes/referentiel/version/VersionPage'), 'VersionPage');
const VersionsPage = lazyRouteComponent(() => import('./routes/referentiel/VersionsPage'), 'VersionsPage');
const ApplicationReviewPage = lazyRouteComponent(() => import('./routes/admissions/ApplicationReviewPage'), 'ApplicationReviewPage');
const ApplicationsPage = lazyRouteComponent(() => import('./routes/admissions/ApplicationsPage'), 'ApplicationsPage');
const ApplyStartPage = lazyRouteComponent(() => import('./routes/apply/ApplyStartPage'), 'ApplyStartPage');
const MyApplicationPage = lazyRouteComponent(() => import('./routes/apply/MyApplicationPage'), 'MyApplicationPage');
const MyApplicationsPage = lazyRouteComponent(() => import('./routes/apply/MyApplicationsPage'), 'MyApplicationsPage');
const NewApplicationPage = lazyRouteComponent(() => import('./routes/apply/NewApplicationPage'), 'NewApplicationPage');
const SessionAttendancePage = lazyRouteComponent(() => import('./routes/cohorts/attendance/SessionAttendancePage'), 'SessionAttendancePage');
const CohortPage = lazyRouteComponent(() => import('./routes/cohorts/CohortPage'), 'CohortPage');
const CohortsPage = lazyRouteComponent(() => import('./routes/cohorts/CohortsPage'), 'CohortsPage');
const MyCalendarPage = lazyRouteComponent(() => import('./routes/cohorts/my/MyCalendarPage'), 'MyCalendarPage');
const JobsPage = lazyRouteComponent(() => import('./routes/admin/jobs/JobsPage'), 'JobsPage');
const SearchPage = lazyRouteComponent(() => import('./routes/search/SearchPage'), 'SearchPage');
const NotificationsPage = lazyRouteComponent(() => import('./routes/notifications/NotificationsPage'), 'NotificationsPage');
const ForgotPasswordPage = lazyRouteComponent(() => import('./routes/password/ForgotPasswordPage'), 'ForgotPasswordPage');
const SetPasswordPage = lazyRouteComponent(() => import('./routes/password/SetPasswordPage'), 'SetPasswordPage');
const MyFollowupPage = lazyRouteComponent(() => import('./routes/memoire/followup/MyFollowupPage'), 'MyFollowupPage');
const MentoringPage = lazyRouteComponent(() => import('./routes/memoire/followup/MentoringPage'), 'MentoringPage');
const LearnerFollowupPage = lazyRouteComponent(() => import('./routes/memoire/followup/LearnerFollowupPage'), 'LearnerFollowupPage');
const MyJournalPage = lazyRouteComponent(() => import('./routes/memoire/journal/MyJournalPage'), 'MyJournalPage');
const ThesesPage = lazyRouteComponent(() => import('./routes/memoire/record/ThesesPage'), 'ThesesPage');
const ThesisPage = lazyRouteComponent(() => import('./routes/memoire/record/ThesisPage'), 'ThesisPage');
const MyMemoirePage = lazyRouteComponent(() => import('./routes/memoire/dashboard/MyMemoirePage'), 'MyMemoirePage');
const TeachingDashboardPage = lazyRouteComponent(() => import('./routes/memoire/dashboard/TeachingDashboardPage'), 'TeachingDashboardPage');
const AteliersPage = lazyRouteComponent(() => import('./routes/memoire/ateliers/AteliersPage'), 'AteliersPage');
const JuriesPage = lazyRouteComponent(() => import('./routes/juries/JuriesPage'), 'JuriesPage');
const MyJuriesPage = lazyRouteComponent(() => import('./routes/juries/MyJuriesPage'), 'MyJuriesPage');
const JuryCasePage = lazyRouteComponent(() => import('./routes/juries/MyJuriesPage'), 'JuryCasePage');
const SessionPage = lazyRouteComponent(() => import('./routes/soutenances/SessionPage'), 'SessionPage');
const MySoutenancesPage = lazyRouteComponent(() => import('./routes/soutenances/MySoutenancesPage'), 'MySoutenancesPage');
const EvaluationsPage = lazyRouteComponent(() => import('./routes/evaluations/EvaluationsPage'), 'EvaluationsPage');
const CohortMarksPage = lazyRouteComponent(() => import('./routes/evaluations/CohortMarksPage'), 'CohortMarksPage');
const MyEvaluationsPage = lazyRouteComponent(() => import('./routes/evaluations/MyEvaluationsPage'), 'MyEvaluationsPage');

/** A page behind an ability: the guard renders the lazy page, and keeps its preload for the router. */
function guarded(ability: TAbility, Page: AsyncRouteComponent<object>) {
  const Guarded = () => (
    <RequireAbility ability={ability}>
      <Page />
    </RequireAbility>
  );
  return Object.assign(Guarded, { preload: Page.preload });
}

export type TRouterContext = { queryClient: QueryClient };

const rootRoute = createRootRouteWithContext<TRouterContext>()({
  component: Outlet,
  notFoundComponent: NotFoundPage,
});

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/connexion',
  validateSearch: validateSignInSearch,
  beforeLoad: async ({ context, search }) => {
    const me = await context.queryClient.ensureQueryData(meQuery);
    if (me) throw redirect({ href: safeRedirect(search.redirect) });
  },
  component: SignInPage,
});

const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: '_app',
  beforeLoad: async ({ context, location }) => {
    const me = await context.queryClient.ensureQueryData(meQuery);
    if (!me) throw redirect({ to: '/connexion', search: { redirect: location.href === '/' ? undefined : location.href } });
    return { me };
  },
  component: AppLayout,
  notFoundComponent: NotFoundPage,
});

const page = <TPath extends string>(path: TPath) => ({ getParentRoute: () => appRoute, path });

const homeRoute = createRoute({ ...page('/'), component: HomePage });

const versionsRoute = createRoute({ ...page('/referentiel'), component: VersionsPage });

const importRoute = createRoute({
  ...page('/referentiel/import'),
  component: guarded('referentiel:import', ImportPage),
});

const versionRoute = createRoute({
  ...page('/referentiel/$code'),
  component: VersionPage,
});

const usersRoute = createRoute({
  ...page('/admin/utilisateurs'),
  validateSearch: validateUsersSearch,
  component: guarded('users:manage', UsersPage),
});

const centresRoute = createRoute({
  ...page('/admin/centres'),
  component: guarded('centres:manage', CentresPage),
});
const schoolHolidaysRoute = createRoute({
  ...page('/admin/vacances-scolaires'),
  component: guarded('holidays:import', SchoolHolidaysPage),
});

const auditRoute = createRoute({
  ...page('/admin/journal'),
  validateSearch: validateAuditSearch,
  component: guarded('audit:read', AuditPage),
});

const accountRoute = createRoute({ ...page('/compte'), component: AccountPage });

// Candidatures: the public form (no account yet), the applicant's pages, the commission's pages.
const applyRoute = createRoute({ getParentRoute: () => rootRoute, path: '/candidater', component: ApplyStartPage });
const myApplicationsRoute = createRoute({ ...page('/mes-candidatures'), component: MyApplicationsPage });
const newApplicationRoute = createRoute({
  ...page('/mes-candidatures/nouvelle'),
  component: guarded('admissions:apply:own', NewApplicationPage),
});
const myApplicationRoute = createRoute({ ...page('/mes-candidatures/$id'), component: MyApplicationPage });
const applicationsRoute = createRoute({
  ...page('/candidatures'),
  validateSearch: validateApplicationsSearch,
  component: guarded('admissions:read:any', ApplicationsPage),
});
const applicationRoute = createRoute({
  ...page('/candidatures/$id'),
  component: guarded('admissions:read:any', ApplicationReviewPage),
});

// Unknown paths: signed-out visitors go to /connexion like anywhere else; signed-in ones get the 404 in the shell.
// Promotions, calendars and attendance.
const cohortsRoute = createRoute({
  ...page('/promotions'),
  component: guarded('cohorts:read', CohortsPage),
});
const cohortRoute = createRoute({ ...page('/promotions/$id'), component: CohortPage });
const ateliersRoute = createRoute({ ...page('/promotions/$id/ateliers'), component: AteliersPage });
// Juries (decision 026): a promotion's juries for its team, « Mes jurys » and one case's file for the members.
const juriesRoute = createRoute({ ...page('/promotions/$id/jurys'), component: guarded('jury:manage', JuriesPage) });
const myJuriesRoute = createRoute({ ...page('/mes-jurys'), component: guarded('jury:sit', MyJuriesPage) });
const juryCaseRoute = createRoute({ ...page('/mes-jurys/dossiers/$id'), component: guarded('jury:sit', JuryCasePage) });
// Soutenances (decision 027): a session's settings, plan and timetable for the team; « Mes soutenances » for the people convened.
const soutenanceSessionRoute = createRoute({ ...page('/soutenances/$id'), component: guarded('jury:manage', SessionPage) });
const mySoutenancesRoute = createRoute({ ...page('/mes-soutenances'), component: guarded('soutenances:read:own', MySoutenancesPage) });
const sessionAttendanceRoute = createRoute({
  ...page('/seances/$id/emargement'),
  component: guarded('attendance:take', SessionAttendancePage),
});
const myCalendarRoute = createRoute({
  ...page('/mon-calendrier'),
  component: guarded('calendar:read:own', MyCalendarPage),
});
// Evaluations (decision 024): the promotions' marks for their team and markers, « Mes évaluations » for learners.
const evaluationsRoute = createRoute({ ...page('/evaluations'), component: guarded('cohorts:read', EvaluationsPage) });
const cohortMarksRoute = createRoute({ ...page('/evaluations/$id'), component: CohortMarksPage });
const myEvaluationsRoute = createRoute({ ...page('/mes-evaluations'), component: guarded('evaluations:read:own', MyEvaluationsPage) });

// Passwords: reached from an e-mail's link or the sign-in page, without being signed in.
const forgotPasswordRoute = createRoute({ getParentRoute: () => rootRoute, path: '/mot-de-passe-oublie', component: ForgotPasswordPage });
const setPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/mot-de-passe',
  validateSearch: (s: Record<string, unknown>): { jeton?: string } => ({ jeton: typeof s.jeton === 'string' ? s.jeton.slice(0, 200) : undefined }),
  component: SetPasswordPage,
});
const notificationsRoute = createRoute({ ...page('/notifications'), component: NotificationsPage });
const searchRoute = createRoute({ ...page('/recherche'), validateSearch: validateGlobalSearch, component: SearchPage });
const jobsRoute = createRoute({
  ...page('/admin/taches'),
  component: guarded('jobs:manage', JobsPage),
});

// The mémoire: a promotion's records, one record, the learner's own.
const thesesRoute = createRoute({
  ...page('/memoires'),
  validateSearch: validateThesesSearch,
  component: guarded('cohorts:read', ThesesPage),
});
const thesisRoute = createRoute({ ...page('/memoires/$id'), component: ThesisPage });
const myMemoireRoute = createRoute({ ...page('/mon-memoire'), component: guarded('thesis:edit:own', MyMemoirePage) });
const teachingDashboardRoute = createRoute({ ...page('/mes-ateliers-et-memoires'), component: guarded('followup:mentor', TeachingDashboardPage) });

// Individual follow-up and the learner's workspace (decision 023).
const myFollowupRoute = createRoute({ ...page('/mon-suivi'), component: guarded('followup:own', MyFollowupPage) });
const myJournalRoute = createRoute({ ...page('/mon-journal'), component: guarded('followup:own', MyJournalPage) });
const mentoringRoute = createRoute({ ...page('/suivi-individuel'), component: guarded('followup:mentor', MentoringPage) });
const learnerFollowupRoute = createRoute({ ...page('/suivi-individuel/$cohortId/$learnerId'), component: LearnerFollowupPage });

const notFoundRoute = createRoute({ ...page('$'), component: NotFoundPage });

const routeTree = rootRoute.addChildren([
  signInRoute,
  applyRoute,
  forgotPasswordRoute,
  setPasswordRoute,
  appRoute.addChildren([homeRoute, versionsRoute, importRoute, versionRoute, usersRoute, centresRoute, schoolHolidaysRoute, auditRoute, accountRoute, myApplicationsRoute, newApplicationRoute, myApplicationRoute, applicationsRoute, applicationRoute, cohortsRoute, cohortRoute, ateliersRoute, juriesRoute, myJuriesRoute, juryCaseRoute, soutenanceSessionRoute, mySoutenancesRoute, sessionAttendanceRoute, myCalendarRoute, notificationsRoute, searchRoute, jobsRoute, thesesRoute, thesisRoute, myMemoireRoute, teachingDashboardRoute, myFollowupRoute, myJournalRoute, mentoringRoute, learnerFollowupRoute, evaluationsRoute, cohortMarksRoute, myEvaluationsRoute, notFoundRoute]),
]);

export function buildRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    defaultPreloadStaleTime: 0,
    scrollRestoration: true,
    defaultPendingComponent: () => <PageLoader />,
    defaultErrorComponent: ({ error }) => <ErrorAlert error={error} title="Erreur" />,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof buildRouter>;
  }
}
