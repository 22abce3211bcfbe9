/** Today's date in Paris (YYYY-MM-DD): the programme's legal dates are French calendar dates. */
export function todayInParis(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
