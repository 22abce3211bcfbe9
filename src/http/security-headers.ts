/**
 * The browser's side of the defences (issue 9, item 15; decision 016), on every answer:
 * - a Content-Security-Policy: scripts only from our own origin (no inline script, no eval), so an
 *   injected `<script>` or `onerror=` runs nothing; styles also inline (Mantine and Scalar inject
 *   `<style>` elements at run time: decision 016 says why no nonce); nothing loaded from elsewhere;
 * - a Permissions-Policy that turns off the powerful features the platform never uses;
 * - `Cache-Control: no-store` on the API's answers (they carry personal data: files, marks, feeds,
 *   documents), except the few that are public and the same for everyone.
 */
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { TAppEnv } from './context.js';

/** The policy, directive by directive (the test reads it back from the header). */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'", 'blob:'],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
} as const;

/** Features no page of the platform uses: a script that would reach them is refused by the browser. */
export const PERMISSIONS_POLICY = {
  accelerometer: [],
  autoplay: [],
  camera: [],
  displayCapture: [],
  geolocation: [],
  gyroscope: [],
  hid: [],
  magnetometer: [],
  microphone: [],
  midi: [],
  payment: [],
  publickeyCredentialsGet: [],
  screenWakeLock: [],
  serial: [],
  usb: [],
  xrSpatialTracking: [],
  browsingTopics: [],
} as const;

export const securityHeaders: MiddlewareHandler<TAppEnv> = secureHeaders({
  contentSecurityPolicy: Object.fromEntries(Object.entries(CONTENT_SECURITY_POLICY).map(([k, v]) => [k, [...v]])),
  permissionsPolicy: Object.fromEntries(Object.entries(PERMISSIONS_POLICY).map(([k]) => [k, []])),
  crossOriginEmbedderPolicy: false,
  // Nobody frames the platform (frame-ancestors 'none' says the same to browsers that read CSP).
  xFrameOptions: 'DENY',
});

export const NO_STORE = 'no-store';

/**
 * API answers that are the same for everyone and hold nothing personal: the docs page and its
 * scripts (the bundle is named by its content, so it is cached for good), the OpenAPI document.
 */
const PUBLIC_API_PATHS = [/^\/api\/docs(\/.*)?$/, /^\/api\/openapi\.json$/];

export const isPublicApiPath = (path: string) => PUBLIC_API_PATHS.some((p) => p.test(path));

/**
 * Every other /api answer, better-auth's included, is kept by no cache, the browser's or a proxy's:
 * a shared computer's back button or disk cache never shows the previous user's data. Set after
 * the handler, so it wins over a handler's own `Cache-Control`.
 */
export const noStoreOnApi: MiddlewareHandler<TAppEnv> = async (c, next) => {
  await next();
  if (!c.req.path.startsWith('/api/') || isPublicApiPath(c.req.path)) return;
  c.res.headers.set('Cache-Control', NO_STORE);
  c.res.headers.delete('Expires');
};
