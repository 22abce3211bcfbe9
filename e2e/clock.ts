/**
 * The instant the e2e server believes it is, for every journey: Tuesday 10 March 2026, 10:00 in Paris
 * (a working day, no holiday, far from midnight). The server's clock is fixed there
 * (MOVSC_CLOCK_START, MOVSC_CLOCK_MODE=fixed) and pages set the browser's clock to it, so no journey
 * depends on the day or the hour it runs.
 */
export const E2E_NOW = '2026-03-10T09:00:00.000Z';
/** The same instant in Paris: date and minutes since midnight. */
export const E2E_PARIS = { date: '2026-03-10', minutes: 10 * 60 } as const;
