/**
 * The route tree (code-based). Everything but /connexion sits under the authenticated layout,
 * which sends signed-out visitors to /connexion?redirect=… and renders the app shell.
 */
import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, createRouter, Outlet, redirect } from '@tanstack/react-router';
import { RequireAbility } from './components/AccessDenied';
import { ErrorAlert, PageLoader } from './components/states';
import { meQuery, safeRedirect } from './lib/auth';
import { validateAuditSearch, validateSignInSearch, validateUsersSearch } from './lib/search';
import { AccountPage } from './routes/account/AccountPage';
import { AuditPage } from './routes/admin/journal/AuditPage';
import { CentresPage } from './routes/admin/centres/CentresPage';
import { UsersPage } from './routes/admin/users/UsersPage';
import { AppLayout } from './routes/app/AppLayout';
import { HomePage } from './routes/home/HomePage';
import { NotFoundPage } from './routes/NotFoundPage';
import { ImportPage } from './routes/referentiel/import/ImportPage';
import { VersionPage } from './routes/referentiel/version/VersionPage';
import { VersionsPage } from './routes/referentiel/VersionsPage';
import { SignInPage } from './routes/sign-in/SignInPage';
import { ApplicationReviewPage } from './routes/admissions/ApplicationReviewPage';
import { ApplicationsPage } from './routes/admissions/ApplicationsPage';
import { validateApplicationsSearch } from './routes/admissions/search';
import { ApplyStartPage } from './routes/apply/ApplyStartPage';
import { MyApplicationPage } from './routes/apply/MyApplicationPage';
import { MyApplicationsPage } from './routes/apply/MyApplicationsPage';
import { NewApplicationPage } from './routes/apply/NewApplicationPage';
import { SessionAttendancePage } from './routes/cohorts/attendance/SessionAttendancePage';
import { CohortPage } from './routes/cohorts/CohortPage';
import { CohortsPage } from './routes/cohorts/CohortsPage';
import { MyCalendarPage } from './routes/cohorts/my/MyCalendarPage';
import { JobsPage } from './routes/admin/jobs/JobsPage';
import { NotificationsPage } from './routes/notifications/NotificationsPage';
import { ForgotPasswordPage } from './routes/password/ForgotPasswordPage';
import { SetPasswordPage } from './routes/password/SetPasswordPage';

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
  component: () => (
    <RequireAbility ability="referentiel:import">
      <ImportPage />
    </RequireAbility>
  ),
});

const versionRoute = createRoute({
  ...page('/referentiel/$code'),
  component: VersionPage,
});

const usersRoute = createRoute({
  ...page('/admin/utilisateurs'),
  validateSearch: validateUsersSearch,
  component: () => (
    <RequireAbility ability="users:manage">
      <UsersPage />
    </RequireAbility>
  ),
});

const centresRoute = createRoute({
  ...page('/admin/centres'),
  component: () => (
    <RequireAbility ability="centres:manage">
      <CentresPage />
    </RequireAbility>
  ),
});

const auditRoute = createRoute({
  ...page('/admin/journal'),
  validateSearch: validateAuditSearch,
  component: () => (
    <RequireAbility ability="audit:read">
      <AuditPage />
    </RequireAbility>
  ),
});

const accountRoute = createRoute({ ...page('/compte'), component: AccountPage });

// Candidatures: the public form (no account yet), the applicant's pages, the commission's pages.
const applyRoute = createRoute({ getParentRoute: () => rootRoute, path: '/candidater', component: ApplyStartPage });
const myApplicationsRoute = createRoute({ ...page('/mes-candidatures'), component: MyApplicationsPage });
const newApplicationRoute = createRoute({
  ...page('/mes-candidatures/nouvelle'),
  component: () => (
    <RequireAbility ability="admissions:apply:own">
      <NewApplicationPage />
    </RequireAbility>
  ),
});
const myApplicationRoute = createRoute({ ...page('/mes-candidatures/$id'), component: MyApplicationPage });
const applicationsRoute = createRoute({
  ...page('/candidatures'),
  validateSearch: validateApplicationsSearch,
  component: () => (
    <RequireAbility ability="admissions:read:any">
      <ApplicationsPage />
    </RequireAbility>
  ),
});
const applicationRoute = createRoute({
  ...page('/candidatures/$id'),
  component: () => (
    <RequireAbility ability="admissions:read:any">
      <ApplicationReviewPage />
    </RequireAbility>
  ),
});

// Unknown paths: signed-out visitors go to /connexion like anywhere else; signed-in ones get the 404 in the shell.
// Promotions, calendars and attendance.
const cohortsRoute = createRoute({
  ...page('/promotions'),
  component: () => (
    <RequireAbility ability="cohorts:read">
      <CohortsPage />
    </RequireAbility>
  ),
});
const cohortRoute = createRoute({ ...page('/promotions/$id'), component: CohortPage });
const sessionAttendanceRoute = createRoute({
  ...page('/seances/$id/emargement'),
  component: () => (
    <RequireAbility ability="attendance:take">
      <SessionAttendancePage />
    </RequireAbility>
  ),
});
const myCalendarRoute = createRoute({
  ...page('/mon-calendrier'),
  component: () => (
    <RequireAbility ability="calendar:read:own">
      <MyCalendarPage />
    </RequireAbility>
  ),
});

// Passwords: reached from an e-mail's link or the sign-in page, without being signed in.
const forgotPasswordRoute = createRoute({ getParentRoute: () => rootRoute, path: '/mot-de-passe-oublie', component: ForgotPasswordPage });
const setPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/mot-de-passe',
  validateSearch: (s: Record<string, unknown>): { jeton?: string } => ({ jeton: typeof s.jeton === 'string' ? s.jeton.slice(0, 200) : undefined }),
  component: SetPasswordPage,
});
const notificationsRoute = createRoute({ ...page('/notifications'), component: NotificationsPage });
const jobsRoute = createRoute({
  ...page('/admin/taches'),
  component: () => (
    <RequireAbility ability="jobs:manage">
      <JobsPage />
    </RequireAbility>
  ),
});

const notFoundRoute = createRoute({ ...page('$'), component: NotFoundPage });

const routeTree = rootRoute.addChildren([
  signInRoute,
  applyRoute,
  forgotPasswordRoute,
  setPasswordRoute,
  appRoute.addChildren([homeRoute, versionsRoute, importRoute, versionRoute, usersRoute, centresRoute, auditRoute, accountRoute, myApplicationsRoute, newApplicationRoute, myApplicationRoute, applicationsRoute, applicationRoute, cohortsRoute, cohortRoute, sessionAttendanceRoute, myCalendarRoute, notificationsRoute, jobsRoute, notFoundRoute]),
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
