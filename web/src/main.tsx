import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/dates/styles.css';
import './styles.css';
import './lib/format';

import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { useMediaQuery } from '@mantine/hooks';
import { Notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { SkipLink } from './components/SkipLink';
import { ApiError } from './lib/api';
import { meQueryKey } from './lib/auth';
import { buildRouter } from './router';
import { cssVariablesResolver, theme } from './theme';

/** A session that ends while the page is open (expiry, password changed elsewhere) goes back to sign-in. */
function onApiError(error: unknown) {
  if (error instanceof ApiError && error.status === 401) {
    queryClient.setQueryData(meQueryKey, null);
    const here = window.location.pathname + window.location.search;
    if (!window.location.pathname.startsWith('/connexion')) {
      void router.navigate({ to: '/connexion', search: { redirect: here } });
    }
  }
}

const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onApiError }),
  mutationCache: new MutationCache({ onError: onApiError }),
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      // A refusal (4xx) will not change by asking again.
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});

const router = buildRouter(queryClient);

/**
 * Toasts stay clear of the page's action buttons: those are at the top right (page header) and at the
 * bottom left (forms) on a desktop, so toasts go bottom right; on a phone they go over the app's top
 * bar, above the content (e2e/forms.spec.ts checks it at 390 px).
 */
function Toasts() {
  const phone = useMediaQuery('(max-width: 48em)');
  return <Notifications position={phone ? 'top-center' : 'bottom-right'} />;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <DatesProvider settings={{ locale: 'fr', firstDayOfWeek: 1 }}>
        <SkipLink />
        <Toasts />
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </DatesProvider>
    </MantineProvider>
  </StrictMode>,
);
