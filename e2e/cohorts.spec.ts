import { expect, type APIRequestContext } from '@playwright/test';
import { pdfText } from '../tests/helpers/pdf';
import { E2E_NOW, E2E_PARIS } from './clock';
import { DEMO, E2E_ORIGIN, expectAccessible, loginDirectly, test } from './fixtures';

const headers = { origin: E2E_ORIGIN };
const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

async function parisCentreId(request: APIRequestContext) {
  const centres = await (await request.get('/api/centres')).json();
  return (centres.items as { id: string; code: string }[]).find((c) => c.code === 'PARIS')!.id;
}

test('the responsable pédagogique creates a promotion, generates its calendar and sees 490 h', async ({ page }) => {
  await loginDirectly(page, DEMO.responsable);
  await page.goto('/promotions');
  await expect(page.getByRole('heading', { level: 1, name: 'Promotions' })).toBeVisible();
  await expect(page.getByRole('link', { name: /33e promotion/ })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Nouvelle promotion' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nouvelle promotion' });
  await dialog.getByLabel('Numéro de promotion').fill('40');
  await dialog.getByLabel('Centre', { exact: true }).click();
  await page.getByRole('option', { name: 'Cnam Paris' }).click();
  await dialog.getByLabel('Début').fill('2027-11-08');
  await dialog.getByLabel('Fin').fill('2029-10-26');
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Créer la promotion' }).click();

  await expect(page.getByRole('heading', { level: 1, name: '40e promotion — Cnam Paris' })).toBeVisible();
  await page.getByRole('tab', { name: 'Calendrier' }).click();
  await expect(page.getByText('Aucun regroupement pour le moment.')).toBeVisible();
  await page.getByRole('button', { name: 'Générer le calendrier' }).click();
  await expect(page.getByTestId('total-planned')).toHaveText('490 h');
  await expect(page.getByText('Le plan correspond à la maquette')).toBeVisible();
  await expect(page.getByRole('button', { name: /Regroupement 14/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /Soutenances/ })).toBeVisible();
  // The confirmation toasts fade out first: axe checks the page itself.
  await expect(page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 15_000 });
  await expectAccessible(page);

  // Free editing: split the first residency; the hours do not change.
  await page.getByRole('button', { name: /^Regroupement 1 Regroupement/ }).click();
  await page.getByRole('button', { name: 'Scinder' }).first().click();
  const split = page.getByRole('dialog', { name: /Scinder/ });
  await split.getByLabel('Le second regroupement commence le').click();
  await page.getByRole('option').nth(2).click();
  await split.getByRole('button', { name: 'Scinder' }).click();
  await expect(page.getByRole('button', { name: /Regroupement 1 \(suite\)/ })).toBeVisible();
  await expect(page.getByTestId('total-planned')).toHaveText('490 h');
});

test('a learner signs in for the session on a 390-px-wide phone; the day’s PDF lists them as present', async ({ browser }) => {
  const now = E2E_PARIS;
  const minutesNow = now.minutes;

  // Set-up by the responsable through the API: a promotion with the demo learner, a residency today, a session now.
  const staff = await browser.newContext();
  const staffPage = await staff.newPage();
  await loginDirectly(staffPage, DEMO.responsable);
  const api = staffPage.request;
  const centreId = await parisCentreId(api);
  const cohort = await (
    await api.post('/api/cohorts', { headers, data: { number: 41, centreId, certificationVersionCode: 'RNCP41336', startsOn: '2026-01-05', endsOn: '2027-12-17', capacity: 20 } })
  ).json();
  const candidates = await (await api.get(`/api/cohorts/${cohort.id}/learner-candidates`)).json();
  const learnerId = (candidates.items as { userId: string; email: string }[]).find((c) => c.email === DEMO.auditeur)!.userId;
  expect((await api.post(`/api/cohorts/${cohort.id}/learners`, { headers, data: { userId: learnerId, funderLabel: 'OPCO Uniformation' } })).status()).toBe(201);
  const residency = await api.post(`/api/cohorts/${cohort.id}/residencies`, { headers, data: { kind: 'on_site', label: 'Regroupement du jour', days: [now.date] } });
  expect(residency.status()).toBe(200);
  const residencyId = (await residency.json()).residencies[0].id;
  const start = Math.max(0, minutesNow - 5);
  const staffList = await (await api.get(`/api/cohorts/staff-candidates?centreId=${centreId}`)).json();
  const teacherId = (staffList.items as { userId: string; role: string }[]).find((c) => c.role === 'enseignant')!.userId;
  const session = await api.post('/api/sessions', {
    headers,
    data: {
      residencyId,
      type: 'theoretical',
      title: 'Séance du matin',
      room: 'Salle 17',
      teacherIds: [teacherId],
      date: now.date,
      startTime: hhmm(start),
      endTime: hhmm(Math.min(start + 210, 23 * 60 + 59)),
    },
  });
  expect(session.status()).toBe(201);

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  const page = await phone.newPage();
  await page.clock.setFixedTime(new Date(E2E_NOW));
  await loginDirectly(page, DEMO.auditeur);
  await page.goto('/mon-calendrier');
  await expect(page.getByRole('heading', { level: 1, name: 'Mon calendrier' })).toBeVisible();
  const sign = page.getByRole('button', { name: /Émarger : Séance du matin/ });
  await expect(sign).toBeVisible();
  await expectAccessible(page);
  await sign.click();
  await expect(page.locator('.mantine-Card-root').filter({ hasText: 'Séance du matin' }).getByText('Présent·e')).toBeVisible();
  await expect(sign).toHaveCount(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // The learner downloads their own attestation d'assiduité; its hours read « h mm ».
  const attestation = page.getByRole('link', { name: 'Attestation d’assiduité (PDF)' }).first();
  await expect(attestation).toBeVisible();
  const own = await page.request.get((await attestation.getAttribute('href'))!);
  expect(own.status()).toBe(200);
  const ownText = (await pdfText(Buffer.from(await own.body()))).replace(/\s+/g, ' ');
  expect(ownText).toContain('Attestation d’assiduité');
  expect(ownText).toContain('Aurélie Auditrice');
  expect(ownText).not.toMatch(/\d,\d+ h/);
  await expectAccessible(page);

  // The responsable prints the day's sheet.
  const pdf = await api.get(`/api/cohorts/${cohort.id}/attendance/sheet?date=${now.date}`);
  expect(pdf.status()).toBe(200);
  const text = await pdfText(Buffer.from(await pdf.body()));
  expect(text).toContain('Aurélie Auditrice');
  expect(text).toContain('Présent·e — signé');
});

test('a teacher takes attendance from a phone-sized screen', async ({ browser }) => {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  const page = await phone.newPage();
  await page.clock.setFixedTime(new Date(E2E_NOW));
  await loginDirectly(page, DEMO.enseignant);
  await page.goto('/mon-calendrier');
  await expect(page.getByRole('heading', { level: 2, name: 'Séances que j’anime' })).toBeVisible();
  await page.getByRole('link', { name: 'Faire l’appel' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Feuille d’émargement' })).toBeVisible();
  await expect(page.getByText('Aurélie Auditrice', { exact: true })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectAccessible(page);
  // Today's session of the previous journey is first: the teacher signs its sheet.
  const signSheet = page.getByRole('button', { name: 'Signer la feuille' });
  await expect(signSheet).toBeVisible();
  await signSheet.click();
  // Signing asks for a confirmation first (issue 8, item 16): cancelling signs nothing.
  const dialog = page.getByRole('dialog', { name: 'Signer la feuille ?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Annuler' }).click();
  await expect(page.getByText(/Signée par Estelle Enseignante/)).toHaveCount(0);
  await signSheet.click();
  await dialog.getByRole('button', { name: 'Signer', exact: true }).click();
  await expect(page.getByText(/Signée par Estelle Enseignante/)).toBeVisible();
});

test('the gestionnaire reads the attendance of the 33rd promotion and accepts a justification', async ({ page }) => {
  await loginDirectly(page, DEMO.gestionnaire);
  await page.goto('/promotions');
  await page.getByRole('link', { name: /33e promotion/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /33e promotion/ })).toBeVisible();
  await expect(page.getByText('Conforme à la maquette')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('tab', { name: 'Assiduité' }).click();
  await expect(page.getByRole('heading', { name: 'Heures et taux par auditeur·rice' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Aurélie Auditrice' }).first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Feuille du jour (PDF)' })).toBeVisible();
  // Hours read « 149 h 40 », never a decimal « 149,67 h ».
  const shown = await page.getByRole('tabpanel').innerText();
  expect(shown).toMatch(/\d h( \d{2})?/);
  expect(shown).not.toMatch(/\d,\d+\s?h\b/);
  // Each learner's certificat de réalisation, computed from the records.
  const certificate = page.getByRole('link', { name: 'Certificat de réalisation de Aurélie Auditrice (PDF)' });
  await expect(certificate).toBeVisible();
  const pdfRes = await page.request.get((await certificate.getAttribute('href'))!);
  expect(pdfRes.status()).toBe(200);
  const certificateText = (await pdfText(Buffer.from(await pdfRes.body()))).replace(/\s+/g, ' ');
  expect(certificateText).toContain('Nom et prénom du bénéficiaire : Aurélie Auditrice');
  expect(certificateText).toMatch(/pour une durée de \d[\d ]* h( \d{2})? réalisées/);
  await expectAccessible(page);
  await page.getByRole('button', { name: /Accepter le justificatif de Farid Fédération/ }).click();
  await expect(page.getByText('Accepté', { exact: true })).toBeVisible();
});
