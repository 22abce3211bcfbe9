/**
 * Juries (issue 11, item 3): the responsable constitutes a jury for the demo promotion — refused while a
 * professional is missing, constituted once 2 Cnam teachers + 2 professionals sit (the composition of
 * the fiche, 002) — and the jury member finds the case in « Mes jurys » and opens its file.
 */
import { expect, type APIRequestContext } from '@playwright/test';
import { DEMO, E2E_ORIGIN, expectAccessible, loginDirectly, test } from './fixtures';

const headers = { origin: E2E_ORIGIN };

/** The demo's people listed as jury members (through the API, as an administrator). */
async function listMembers(admin: APIRequestContext) {
  const idOf = async (email: string) => ((await (await admin.get(`/api/users?q=${encodeURIComponent(email)}`)).json()).items as { id: string; email: string }[]).find((u) => u.email === email)!.id;
  for (const [email, kind, organisation] of [
    [DEMO.enseignant, 'cnam_teacher', 'Cnam'],
    [DEMO.responsable, 'cnam_teacher', 'Cnam'],
    [DEMO.jury, 'professional', 'Fédération des centres sociaux'],
  ] as const) {
    const res = await admin.put(`/api/jury-members/${await idOf(email)}`, { headers, data: { kind, organisation } });
    expect(res.status()).toBe(200);
  }
}

test('the responsable constitutes a jury (refused while a professional is missing); the jury member opens the case from « Mes jurys »', async ({ page, browser }) => {
  const adminContext = await browser.newContext({ baseURL: E2E_ORIGIN });
  const adminPage = await adminContext.newPage();
  await loginDirectly(adminPage, DEMO.admin);
  await listMembers(adminPage.request);
  await adminContext.close();

  await loginDirectly(page, DEMO.responsable);
  const cohorts = (await (await page.request.get('/api/cohorts?pageSize=200')).json()) as { items: { id: string; number: number; name: string }[] };
  const cohort = cohorts.items.find((c) => c.number === 33)!;
  await page.goto(`/promotions/${cohort.id}`);
  await page.getByRole('main').getByRole('link', { name: 'Jurys', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Jurys — ${cohort.name}` })).toBeVisible();

  // A professional invited: an account with the jury role.
  const email = `claire.dubois.${Date.now()}@exemple.fr`;
  await page.getByRole('button', { name: 'Inviter un·e professionnel·le' }).click();
  const invite = page.getByRole('dialog', { name: 'Inviter un·e professionnel·le' });
  await invite.getByLabel('Nom').fill('Claire Dubois');
  await invite.getByLabel('Adresse e-mail').fill(email);
  await invite.getByLabel('Organisation', { exact: true }).fill('SCOP Les Ateliers');
  await invite.getByRole('button', { name: 'Envoyer l’invitation' }).click();
  await expect(page.getByText(`Invitation envoyée à ${email}`)).toBeVisible();
  await expect(page.getByRole('table', { name: 'Personnes qui peuvent siéger' })).toContainText('Claire Dubois');

  const label = `Soutenances de juin ${Date.now()}`;
  await page.getByRole('button', { name: 'Créer un jury' }).click();
  const create = page.getByRole('dialog', { name: 'Créer un jury' });
  await create.getByLabel('Intitulé').fill(label);
  await create.getByRole('button', { name: 'Créer le jury' }).click();
  const jury = page.getByRole('region', { name: `Jury ${label}` });
  await expect(jury).toContainText('2 enseignants du Cnam');
  await expect(jury).toContainText('À constituer');

  const seat = async (name: string, president = false) => {
    await jury.getByRole('combobox', { name: 'Faire siéger' }).click();
    await page.getByRole('option', { name: new RegExp(`^${name} — `) }).click();
    if (president) await jury.getByLabel('À la présidence').check();
    await jury.getByRole('button', { name: 'Ajouter au jury' }).click();
    await expect(jury.getByRole('table', { name: `Membres du jury ${label}` })).toContainText(name);
  };
  await seat('Estelle Enseignante', true);
  await seat('Rémi Responsable');
  await seat('Claire Dubois');
  await jury.getByRole('combobox', { name: 'Confier un dossier' }).click();
  await page.getByRole('option', { name: 'Aurélie Auditrice' }).click();
  await jury.getByRole('button', { name: 'Confier au jury' }).click();
  await expect(jury.getByRole('table', { name: `Dossiers du jury ${label}` })).toContainText('il manque 1 professionnel');

  await jury.getByRole('button', { name: 'Constituer le jury' }).click();
  const refusal = jury.getByRole('alert', { name: 'Ce jury ne peut pas être constitué' });
  await expect(refusal).toBeVisible();
  await expect(refusal).toContainText('Jury incomplet : il manque 1 professionnel.');
  await expectAccessible(page);

  const juryName = (await (await page.request.get(`/api/jury-members`)).json()).items.find((m: { email: string }) => m.email === DEMO.jury).name as string;
  await seat(juryName);
  await jury.getByRole('button', { name: 'Constituer le jury' }).click();
  await expect(jury).toContainText('Constitué le');
  await expect(jury.getByRole('table', { name: `Dossiers du jury ${label}` })).toContainText('Complet');

  // The jury member: the case in « Mes jurys », its file.
  const memberContext = await browser.newContext({ baseURL: E2E_ORIGIN, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  const member = await memberContext.newPage();
  await loginDirectly(member, DEMO.jury);
  await member.goto('/mes-jurys');
  const mine = member.getByRole('region', { name: `Jury ${label}` });
  await mine.getByRole('link', { name: 'Aurélie Auditrice' }).click();
  await expect(member.getByRole('heading', { level: 1, name: 'Dossier de Aurélie Auditrice' })).toBeVisible();
  await expect(member.getByRole('heading', { name: 'Dépôt final' })).toBeVisible();
  await expectAccessible(member);
  await memberContext.close();
});
