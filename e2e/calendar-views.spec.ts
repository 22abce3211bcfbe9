/**
 * Month and week views of a promotion's calendar and of « Mon calendrier » (issue 8, item 15), at the
 * e2e clock, on a computer and on a phone: the sessions are where the API says, overlaps are marked.
 */
import { expect, type Browser, type Page } from '@playwright/test';
import { E2E_NOW } from './clock';
import { DEMO, E2E_ORIGIN, expectAccessible, loginDirectly, test } from './fixtures';

const headers = { origin: E2E_ORIGIN };
const VIEWPORTS = { ordinateur: { width: 1280, height: 900 }, téléphone: { width: 390, height: 844 } } as const;
/** French month abbreviations (as the Académie and dayjs' fr locale write them). */
const MOIS = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'];

async function pageAt(browser: Browser, viewport: { width: number; height: number }, email: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: E2E_ORIGIN, locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport });
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date(E2E_NOW));
  await loginDirectly(page, email);
  return page;
}

let cohortId = '';

test.beforeAll(async ({ browser }) => {
  const staff = await pageAt(browser, VIEWPORTS.ordinateur, DEMO.responsable);
  const api = staff.request;
  const centres = await (await api.get('/api/centres')).json();
  const centreId = (centres.items as { id: string; code: string }[]).find((c) => c.code === 'PARIS')!.id;
  // Made once per server: a worker started again after a failure finds it.
  const existing = ((await (await api.get('/api/cohorts')).json()).items as { id: string; number: number; centreId?: string; startsOn: string }[]).find(
    (c) => c.number === 52 && c.startsOn === '2026-03-16',
  );
  // A due date of the mémoire on a day of sessions (idempotent: the PUT replaces the promotion's dates).
  const dueDates = async () => {
    const res = await api.put(`/api/cohorts/${cohortId}/milestones`, { headers, data: { items: [{ kind: 'question', dueOn: '2026-03-20' }] } });
    expect(res.status()).toBe(200);
  };
  if (existing) {
    cohortId = existing.id;
    await dueDates();
    await staff.context().close();
    return;
  }
  const created = await api.post('/api/cohorts', { headers, data: { number: 52, centreId, certificationVersionCode: 'RNCP41336', startsOn: '2026-03-16', endsOn: '2028-03-10', capacity: 20 } });
  expect(created.status()).toBe(201);
  cohortId = (await created.json()).id;
  const residency = async (label: string, days: string[]) => {
    const res = await api.post(`/api/cohorts/${cohortId}/residencies`, { headers, data: { kind: 'on_site', label, days } });
    expect(res.status()).toBe(200);
    return ((await res.json()).residencies as { id: string; label: string }[]).find((r) => r.label === label)!.id;
  };
  const session = async (residencyId: string, title: string, date: string, startTime: string, endTime: string, room: string) => {
    const res = await api.post('/api/sessions', { headers, data: { residencyId, type: 'theoretical', title, room, teacherIds: [], date, startTime, endTime } });
    expect(res.status()).toBe(201);
  };
  const march = await residency('Regroupement de mars', ['2026-03-19', '2026-03-20']);
  // Two sessions of the promotion at the same time, in two rooms: the API accepts them, the views mark them.
  await session(march, 'Gouvernance associative', '2026-03-19', '09:00', '12:30', 'Salle 12');
  await session(march, 'Économie sociale', '2026-03-19', '10:00', '12:00', 'Salle 14');
  await session(march, 'Financement des projets', '2026-03-20', '14:00', '17:30', 'Salle 12');
  const april = await residency('Regroupement d’avril', ['2026-04-15']);
  await session(april, 'Ressources humaines', '2026-04-15', '09:00', '12:30', 'Salle 12');
  await dueDates();
  await staff.context().close();
});

for (const [device, viewport] of Object.entries(VIEWPORTS)) {
  test(`a promotion's calendar in month and week views (${device})`, async ({ browser }, testInfo) => {
    const page = await pageAt(browser, viewport, DEMO.responsable);
    await page.goto(`/promotions/${cohortId}`);
    await page.getByRole('tab', { name: 'Calendrier' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Vue du calendrier' })).toBeVisible();

    // Month: opens on the month of the next session (March 2026), Monday first.
    const period = page.getByTestId('calendar-period');
    await expect(period).toHaveText('mars 2026');
    const month = page.getByRole('table', { name: 'Séances de mars 2026' });
    await expect(month.getByRole('columnheader').first()).toHaveText('lun.');
    await expect(month.getByRole('columnheader').last()).toHaveText('dim.');
    await expect(month.locator('td[data-date="2026-03-19"] [data-testid="calendar-event"]')).toHaveCount(2);
    await expect(month.locator('td[data-date="2026-03-20"] [data-testid="calendar-event"]')).toHaveCount(1);
    await expect(month.locator('td[data-date^="2026-03"] [data-testid="calendar-event"]')).toHaveCount(3);
    // The mémoire's due date on its day, as a marker and not a session.
    await expect(month.locator('td[data-date="2026-03-20"] [data-testid="calendar-marker"]')).toHaveText('Échéance : Mémoire : question');
    await expect(month.locator('[data-testid="calendar-marker"]')).toHaveCount(1);
    await expect(month.locator('td[data-date="2026-03-19"] [data-overlap]')).toHaveCount(2);
    await expect(month.locator('td[data-date="2026-03-20"] [data-overlap]')).toHaveCount(0);
    await expect(page.getByText('2 séances en chevauchement dans ce calendrier.')).toBeVisible();
    // 19 March 2026 is a Thursday: fourth column.
    const row = month.locator('tr').filter({ has: page.locator('td[data-date="2026-03-19"]') });
    await expect(row.locator('td').nth(3)).toHaveAttribute('data-date', '2026-03-19');
    await expectAccessible(page);
    await testInfo.attach(`mois-${device}`, { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });

    await page.getByRole('button', { name: 'Mois suivant' }).click();
    await expect(period).toHaveText(`${MOIS[3]} 2026`);
    await expect(page.locator('td[data-date^="2026-04"] [data-testid="calendar-event"]')).toHaveCount(1);
    await page.getByRole('button', { name: 'Mois précédent' }).click();
    await expect(period).toHaveText('mars 2026');

    // Week: from the day's number, the week of 16 to 22 March.
    await page.getByRole('button', { name: 'Semaine du jeudi 19 mars 2026' }).click();
    await expect(period).toHaveText('Semaine du 16/03/2026 au 22/03/2026');
    const week = page.getByRole('group', { name: 'Séances de la semaine du 16/03/2026 au 22/03/2026' });
    await expect(week.getByTestId('calendar-event')).toHaveCount(3);
    await expect(week.getByTestId('calendar-marker')).toHaveText('Échéance : Mémoire : question');
    const card = (title: string) => week.getByTestId('calendar-event').filter({ has: page.getByText(title, { exact: true }) });
    await expect(card('Gouvernance associative')).toContainText('09:00–12:30');
    await expect(week.getByTestId('calendar-event').filter({ hasText: 'Chevauchement' })).toHaveCount(2);
    await expect(card('Financement des projets')).not.toContainText('Chevauchement');
    await expect(week.getByText(/Chevauchement avec « Économie sociale » \(10:00–12:00\) : même créneau/)).toBeAttached();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    await expectAccessible(page);
    await testInfo.attach(`semaine-${device}`, { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });

    await page.getByRole('button', { name: 'Semaine suivante' }).click();
    await expect(period).toHaveText('Semaine du 23/03/2026 au 29/03/2026');
    await expect(page.getByText('Aucune séance cette semaine.')).toBeVisible();
    await page.locator('label').filter({ hasText: /^Mois$/ }).click();
    await expect(period).toHaveText('mars 2026');
    await page.context().close();
  });
}

test('a learner’s « Mon calendrier » shows the sessions of their promotion, and subscribe links after creating the address', async ({ browser }) => {
  const page = await pageAt(browser, VIEWPORTS.téléphone, DEMO.auditeur);
  const mine = (await (await page.request.get('/api/me/sessions')).json()).items as { date: string; role: string }[];
  // The oracle: the API's own list — the next session from 10/03/2026 gives the month shown first.
  const next = mine.map((s) => s.date).filter((d) => d >= '2026-03-10').sort()[0]!;
  const prefix = next.slice(0, 7);
  const inMonth = mine.filter((s) => s.date.startsWith(prefix)).length;
  await page.goto('/mon-calendrier');
  await expect(page.getByRole('heading', { level: 2, name: 'Mon agenda' })).toBeVisible();
  await expect(page.getByTestId('calendar-period')).toHaveText(`${MOIS[Number(next.slice(5, 7)) - 1]} ${next.slice(0, 4)}`);
  await expect(page.locator(`td[data-date^="${prefix}"] [data-testid="calendar-event"]`)).toHaveCount(inMonth);
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Créer l’adresse de mon calendrier' }).click();
  await page.mouse.move(0, 0);
  const address = (await page.locator('pre, code').filter({ hasText: '/api/calendar/feeds/' }).first().innerText()).trim();
  expect(address).toMatch(/^http:\/\/localhost:\d+\/api\/calendar\/feeds\//);
  const webcal = address.replace(/^http:\/\//, 'webcal://');
  await expect(page.getByRole('link', { name: 'Ouvrir dans mon agenda (webcal)' })).toHaveAttribute('href', webcal);
  await expect(page.getByRole('link', { name: 'Ajouter à Google Agenda' })).toHaveAttribute('href', `https://calendar.google.com/calendar/r?cid=${encodeURIComponent(webcal)}`);
  await expect(page.getByRole('link', { name: 'Ajouter à Outlook' })).toHaveAttribute('href', `https://outlook.live.com/calendar/0/addfromweb?url=${encodeURIComponent(address)}`);
  await expectAccessible(page);
  await page.context().close();
});
