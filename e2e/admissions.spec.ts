import { expect, type Browser, type Page } from '@playwright/test';
import { pdfText } from '../tests/helpers/pdf';
import { DEMO, E2E_ORIGIN, expectAccessible, loginDirectly, test } from './fixtures';

async function pageAs(browser: Browser, email: string): Promise<Page> {
  // A context of its own (axe-core needs one), with the same settings as the test's page.
  const context = await browser.newContext({ baseURL: E2E_ORIGIN, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  const page = await context.newPage();
  await loginDirectly(page, email);
  return page;
}

/** Notifications fade in and out (axe reads their half-transparent text as low contrast): close them first. */
async function checkAccessible(page: Page) {
  const close = page.getByRole('button', { name: 'Fermer la notification' });
  for (const button of await close.all()) await button.click({ timeout: 2000 }).catch(() => {});
  await expect(page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 10_000 });
  await expectAccessible(page);
}

async function decide(page: Page, button: string, reason: string) {
  await page.getByRole('button', { name: button }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/Motif|Commentaire/).fill(reason);
  // Let the modal's fade-in end before axe reads the colours.
  await expect(dialog).toHaveCSS('opacity', '1');
  await page.waitForTimeout(300);
  await checkAccessible(page);
  await dialog.getByRole('button', { name: 'Confirmer' }).click();
  await expect(dialog).toHaveCount(0);
}

test('an applicant files online, is put in instruction, accepted, registers, and the quote shows 10 005,00 €', async ({ page, browser }) => {
  const lastName = `Parcours${Date.now()}`;
  const email = `e2e-${Date.now()}@exemple.fr`;

  // 1. The public form creates the account and the draft.
  await page.goto('/candidater');
  await expect(page.getByRole('heading', { level: 1, name: 'Candidater' })).toBeVisible();
  await page.getByRole('combobox', { name: /Centre et promotion/ }).click();
  await page.getByRole('option').first().click();
  await expect(page.getByText("Conditions d'admission")).toBeVisible();
  await page.getByRole('textbox', { name: /^Nom/ }).fill(lastName);
  await page.getByLabel('Prénom').fill('Camille');
  await page.getByLabel('Date de naissance').fill('1986-05-20');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel(/Mot de passe/).fill('mot-de-passe-e2e');
  await checkAccessible(page);
  await page.getByRole('button', { name: /Créer mon compte/ }).click();
  // The same confirmation whether the address was known or not (decision 017); « Continuer » signs in.
  await expect(page.getByRole('heading', { level: 1, name: 'Demande enregistrée' })).toBeVisible();
  await expect(page.getByText(`Message envoyé à ${email}`)).toBeVisible();
  await checkAccessible(page);
  await page.getByRole('button', { name: 'Continuer ma candidature' }).click();
  await expect(page).toHaveURL(/\/mes-candidatures\/[0-9a-f-]{36}$/);
  const applicationUrl = page.url();
  const id = applicationUrl.split('/').pop()!;

  // 2. The draft: contact, situation, diploma, experience, project; eligibility computed on save.
  await expect(page.getByText('Non recevable').first()).toBeVisible();
  await page.getByLabel('Téléphone').fill('06 11 22 33 44');
  await page.getByRole('combobox', { name: 'Situation' }).click();
  await page.getByRole('option', { name: 'Salarié·e', exact: true }).click();
  await page.getByRole('combobox', { name: 'Financement envisagé' }).click();
  await page.getByRole('option', { name: 'Employeur', exact: true }).click();
  await page.getByRole('button', { name: 'Ajouter un diplôme' }).click();
  await page.getByRole('combobox', { name: 'Intitulé du diplôme 1' }).fill('Licence professionnelle gestion des associations');
  await page.getByLabel('Année').fill('2010');
  await page.getByRole('button', { name: 'Ajouter une expérience' }).click();
  await page.getByLabel('Début').fill('2015-01-01');
  await page.getByLabel('Domaine').fill('Éducation populaire');
  await page.getByLabel('Responsabilités').fill('Direction de centre social');
  await page.getByLabel(/Votre projet/).fill("Je dirige un centre social et veux en renouveler la gouvernance associative et les partenariats financiers.");
  await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
  await expect(page.getByText(/^Recevable : /)).toBeVisible();

  // 3. Documents (type and size checked), then filing after a confirmation.
  const pdf = { mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%e2e\n%%EOF\n') };
  for (const [type, name] of [['CV', 'cv.pdf'], ['Lettre de motivation', 'lettre.pdf']] as const) {
    await page.getByRole('combobox', { name: 'Type de pièce' }).click();
    await page.getByRole('option', { name: type, exact: true }).click();
    await page.locator('input[type=file]').setInputFiles({ name, ...pdf });
    await page.getByRole('button', { name: 'Joindre' }).click();
    await expect(page.getByRole('link', { name })).toBeVisible();
  }
  await checkAccessible(page);
  await page.getByRole('button', { name: 'Déposer ma candidature' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Déposer' }).click();
  await expect(page.getByText('Déposée').first()).toBeVisible();

  // 4. A gestionnaire of the centre finds it in the commission's list and puts it in instruction.
  const gestion = await pageAs(browser, DEMO.gestionnaire);
  await gestion.goto('/candidatures');
  await expect(gestion.getByRole('heading', { level: 1, name: 'Candidatures' })).toBeVisible();
  await gestion.getByRole('main').getByLabel('Rechercher').fill(lastName);
  const row = gestion.getByRole('row').filter({ hasText: lastName.toUpperCase() });
  await expect(row).toContainText('Recevable');
  await checkAccessible(gestion);
  await row.getByRole('link').click();
  await expect(gestion.getByRole('heading', { level: 1 })).toContainText(lastName.toUpperCase());
  await checkAccessible(gestion);
  await decide(gestion, 'Passer en instruction', 'Dossier complet, à présenter en commission.');
  await expect(gestion.getByText('En instruction').first()).toBeVisible();
  await expect(gestion.getByRole('button', { name: 'Accepter' })).toHaveCount(0);

  // 5. The responsable pédagogique accepts, with a written reason.
  const responsable = await pageAs(browser, DEMO.responsable);
  await responsable.goto(`/candidatures/${id}`);
  await decide(responsable, 'Accepter', 'Projet cohérent et expérience solide.');
  await expect(responsable.getByText('Acceptée').first()).toBeVisible();

  // 6. The applicant returns the registration form: registration is final.
  await page.goto(applicationUrl);
  await expect(page.getByRole('heading', { name: "Bulletin d'inscription administrative" })).toBeVisible();
  await page.getByLabel('Code postal').fill('75003');
  await page.getByLabel('Ville').fill('Paris');
  await page.getByRole('textbox', { name: /^Adresse/ }).fill('292 rue Saint-Martin');
  await page.getByLabel(/règlement intérieur/).check();
  await checkAccessible(page);
  await page.getByRole('button', { name: /Retourner mon bulletin/ }).click();
  await expect(page.getByText('Inscription définitive').first()).toBeVisible();

  // 7. The gestionnaire sees the learner enrolled, establishes the funding; the quote shows the amount.
  await gestion.goto(`/candidatures?q=${lastName}`);
  await expect(gestion.getByRole('row').filter({ hasText: lastName.toUpperCase() })).toContainText('Inscription définitive');
  await gestion.goto(`/candidatures/${id}`);
  await gestion.getByLabel('Nom du financeur').fill('Association Les Tilleuls');
  await gestion.getByRole('button', { name: 'Établir le financement' }).click();
  await expect(gestion.getByText(/Devis n° D-/)).toBeVisible();
  await checkAccessible(gestion);
  const quote = await gestion.request.get(`/api/applications/${id}/quote.pdf`);
  expect(quote.status()).toBe(200);
  const text = (await pdfText(await quote.body())).replace(/\s/g, ' ');
  expect(text).toContain('10 005,00 €');
  expect(text).toContain('TVA non applicable');
  const app = await (await gestion.request.get(`/api/applications/${id}`)).json();
  const waiting = await (await gestion.request.get(`/api/admissions/cohorts/${app.cohort.id}/waiting-list`)).json();
  expect(waiting.enrolled).toBeGreaterThanOrEqual(1);
  await gestion.goto(`/candidatures?cohort=${app.cohort.id}`);
  await expect(gestion.getByRole('heading', { name: "Places et liste d'attente" })).toBeVisible();
  await expect(gestion.getByText(/inscrit·es? sur \d+ places/)).toBeVisible();
  await checkAccessible(gestion);
  await gestion.context().close();
  await responsable.context().close();
});

test('the public form shows the same confirmation for an address that already has an account as for a new one', async ({ page }) => {
  /** Fills and sends the form; returns the confirmation's text, the address taken out. */
  async function confirmationFor(email: string, lastName: string) {
    await page.goto('/candidater');
    await page.getByRole('combobox', { name: /Centre et promotion/ }).click();
    await page.getByRole('option').first().click();
    await page.getByRole('textbox', { name: /^Nom/ }).fill(lastName);
    await page.getByLabel('Prénom').fill('Dominique');
    await page.getByLabel('Date de naissance').fill('1990-01-15');
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel(/Mot de passe/).fill('mot-de-passe-e2e');
    await page.getByRole('button', { name: /Créer mon compte/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Demande enregistrée' })).toBeVisible();
    return (await page.getByRole('main').innerText()).replace(email, '<adresse>');
  }
  const known = await confirmationFor(DEMO.gestionnaire, `Connue${Date.now()}`);
  await checkAccessible(page);
  const fresh = await confirmationFor(`e2e-nouvelle-${Date.now()}@exemple.fr`, `Nouvelle${Date.now()}`);
  expect(known).toBe(fresh);
  expect(known).not.toMatch(/existe déjà/);
});
