/**
 * Forms and the small things people trip on (issue 8, items 9, 10, 12, 16): a refused draft says so on
 * each field and keeps what was typed (no silent clamping), a refused upload says why, documents are
 * withdrawn after a confirmation, an incomplete filing lists what is missing, toasts stay clear of the
 * action buttons on a 390-px phone, the candidate's menu is theirs, the filed file fits a phone.
 */
import { expect, type Page } from '@playwright/test';
import { E2E_ORIGIN, expectAccessible, test } from './fixtures';

/** The screenshots kept for review live in e2e/screenshots/ (refreshed with UPDATE_SCREENSHOTS=1); other runs write them under test-results/. */
const screenshotPath = (name: string) => (process.env.UPDATE_SCREENSHOTS ? `e2e/screenshots/${name}` : `test-results/screenshots/${name}`);

const PHONE = { width: 390, height: 844 };
const PASSWORD = 'mot-de-passe-e2e';
const pdf = (name: string) => ({ name, mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%e2e\n%%EOF\n') });

/** A new candidate with a draft on the first open promotion, signed in in this page. */
async function newCandidate(page: Page, lastName: string) {
  const open = await (await page.request.get('/api/admissions/open-cohorts')).json();
  const email = `forms-${Date.now()}-${Math.floor(Math.random() * 1e6)}@exemple.fr`;
  const start = await page.request.post('/api/admissions/start', {
    headers: { origin: E2E_ORIGIN },
    data: { lastName, firstName: 'Camille', birthDate: '1986-05-20', email, password: PASSWORD, cohortId: open.items[0].id },
  });
  expect(start.status()).toBe(202);
  const signIn = await page.request.post('/api/auth/sign-in/email', { headers: { origin: E2E_ORIGIN }, data: { email, password: PASSWORD } });
  expect(signIn.status()).toBe(200);
  // The form's answer names nothing (decision 017): the new account's draft is its only application.
  const mine = await (await page.request.get('/api/applications/mine')).json();
  return mine.items[0].id as string;
}

async function closeToasts(page: Page) {
  for (const button of await page.getByRole('button', { name: 'Fermer la notification' }).all()) await button.click({ timeout: 2000 }).catch(() => {});
  await expect(page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 10_000 });
}

const overlaps = (a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test('a refused draft says so on each field, keeps the input, never clamps a number; toasts leave the buttons free at 390 px', async ({ page }) => {
  await page.setViewportSize(PHONE);
  const id = await newCandidate(page, `Formulaire${Date.now()}`);
  await page.goto(`/mes-candidatures/${id}`);
  await expect(page.getByRole('button', { name: 'Enregistrer le brouillon' })).toBeVisible();

  await page.getByRole('button', { name: 'Ajouter un diplôme' }).click();
  await page.getByRole('combobox', { name: 'Intitulé du diplôme 1' }).fill('Licence professionnelle');
  const level = page.getByLabel('Niveau (1 à 8)');
  await level.fill('9');
  const year = page.getByLabel('Année');
  await year.fill('1850');
  await page.getByRole('button', { name: 'Ajouter une expérience' }).click();
  await page.getByLabel('Début').fill('2020-06-01');
  await page.getByLabel('Fin (vide si en cours)').fill('2019-01-01');
  const responsibility = page.getByLabel('Niveau de responsabilité');
  await responsibility.fill('9');
  await page.getByLabel('Domaine').fill('Éducation populaire');
  await page.getByLabel('Responsabilités').fill('Direction');
  await page.getByLabel('Téléphone').click(); // blur: Mantine clamped here before
  await expect(level).toHaveValue('9');
  await expect(year).toHaveValue('1850');
  await expect(responsibility).toHaveValue('9');

  const save = page.getByRole('button', { name: 'Enregistrer le brouillon' });
  await save.click();
  await expect(page.getByText('Le brouillon n’est pas enregistré')).toBeVisible();
  // Each message on its field (aria-invalid and its text), in French, never an identifier.
  await expect(page.getByText('La date de fin précède la date de début.')).toBeVisible();
  await expect(page.getByLabel('Fin (vide si en cours)')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Niveau entre 1 et 8.')).toBeVisible();
  await expect(page.getByText('Année invalide.')).toBeVisible();
  await expect(page.getByText('Au plus 8.')).toBeVisible();
  await expect(page.getByText(/endDate|responsibilityLevel|diplomas\[/)).toHaveCount(0);
  // What was typed is still there.
  await expect(level).toHaveValue('9');
  await expect(page.getByLabel('Début')).toHaveValue('2020-06-01');

  // The toast does not cover the buttons of the page (save, file) on the phone.
  const toast = page.locator('.mantine-Notification-root').first();
  await expect(toast).toBeVisible();
  const toastBox = (await toast.boundingBox())!;
  for (const button of [save, page.getByRole('button', { name: 'Déposer ma candidature' })]) {
    await button.scrollIntoViewIfNeeded();
    await expect(toast).toBeVisible();
    expect(overlaps((await toast.boundingBox())!, (await button.boundingBox())!), `toast ${JSON.stringify(toastBox)} over ${await button.textContent()}`).toBe(false);
  }
  await page.screenshot({ path: screenshotPath('forms-draft-refused-phone.png'), fullPage: false });
  await closeToasts(page);
  await expectAccessible(page);
});

test('a refused upload says why; a document is withdrawn after a confirmation; an incomplete filing lists what is missing', async ({ page }) => {
  const id = await newCandidate(page, `Pieces${Date.now()}`);
  await page.goto(`/mes-candidatures/${id}`);
  await page.locator('input[type=file]').setInputFiles({ name: 'notes.pdf', mimeType: 'application/pdf', buffer: Buffer.from('Ceci est un texte, pas un PDF.') });
  await page.getByRole('button', { name: 'Joindre' }).click();
  await expect(page.getByText('Type de fichier refusé : seuls PDF, PNG et JPEG sont acceptés.').first()).toBeVisible();

  await page.locator('input[type=file]').setInputFiles(pdf('cv.pdf'));
  await page.getByRole('button', { name: 'Joindre' }).click();
  await expect(page.getByRole('link', { name: 'cv.pdf' })).toBeVisible();
  await closeToasts(page);
  await page.getByRole('button', { name: 'Retirer cv.pdf' }).click();
  const dialog = page.getByRole('dialog', { name: 'Retirer cette pièce ?' });
  await expect(dialog).toContainText('cv.pdf');
  await expect(dialog).toHaveCSS('opacity', '1');
  await expectAccessible(page);
  const removal = page.waitForResponse((r) => r.request().method() === 'DELETE');
  await dialog.getByRole('button', { name: 'Retirer la pièce' }).click();
  const removed = await removal;
  expect(removed.status(), await removed.text()).toBe(200);
  await expect(page.getByRole('link', { name: 'cv.pdf' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Déposer ma candidature' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Déposer' }).click();
  const missing = page.getByRole('alert').filter({ hasText: 'La candidature est incomplète' });
  await expect(missing).toBeVisible();
  for (const text of ['Téléphone : Indiquez un numéro de téléphone.', 'Situation : Indiquez votre situation.', 'Joignez votre CV.', 'Joignez votre lettre de motivation.']) {
    await expect(missing).toContainText(text);
  }
  await expect(page.getByLabel('Téléphone')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Déclarez au moins une expérience.').first()).toBeVisible();
  await closeToasts(page);
  await expectAccessible(page);
});

test('a candidate’s menu has neither the référentiel nor the API documentation; the filed file fits a 390-px phone', async ({ page }) => {
  const id = await newCandidate(page, `Depot${Date.now()}`);
  const headers = { origin: E2E_ORIGIN };
  const patch = await page.request.patch(`/api/applications/${id}`, {
    headers,
    data: {
      phone: '06 11 22 33 44',
      address: '292 rue Saint-Martin, 75003 Paris',
      situation: 'employee',
      fundingIntent: 'employer',
      project: 'Je dirige un centre social et veux en renouveler la gouvernance associative et les partenariats financiers.',
      diplomas: [{ level: 6, title: 'Licence professionnelle gestion des associations et des organisations de l’économie sociale', year: 2010 }],
      experiences: [{ kind: 'professional', startDate: '2012-01-01', endDate: null, field: 'Éducation populaire et animation socioculturelle', responsibilities: 'Direction de centre social, encadrement de douze salarié·es' }],
    },
  });
  expect(patch.status()).toBe(200);
  for (const [type, name] of [['cv', 'curriculum-vitae-camille-depot-2026.pdf'], ['letter', 'lettre-de-motivation-camille-depot-2026.pdf']] as const) {
    const up = await page.request.post(`/api/applications/${id}/documents`, { headers, data: { type, fileName: name, contentBase64: pdf(name).buffer.toString('base64') } });
    expect(up.status()).toBe(201);
  }
  expect((await page.request.post(`/api/applications/${id}/file`, { headers })).status()).toBe(200);

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/mes-candidatures/${id}`);
  await expect(page.getByText('Déposée').first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Mes candidatures' }).first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Référentiel' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Documentation de l’API' })).toHaveCount(0);

  await page.setViewportSize(PHONE);
  await page.goto(`/mes-candidatures/${id}`);
  await expect(page.getByText('Déposée').first()).toBeVisible();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(PHONE.width);
  await page.screenshot({ path: screenshotPath('forms-filed-application-phone.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: screenshotPath('forms-filed-application-desktop.png'), fullPage: true });
  await expectAccessible(page);
});
