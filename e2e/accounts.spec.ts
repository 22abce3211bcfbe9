/**
 * Accounts people can recover: an administrator invites a person, who follows the e-mailed link, chooses
 * a password and signs in; then the same person, having forgotten it, resets it through "Mot de passe
 * oublié". The e-mails are read from the e2e server's outbox (.eml files under its data folder).
 */
import fs from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { expect, type Browser, type Page } from '@playwright/test';
import { DEMO, E2E_ORIGIN, expectAccessible, loginDirectly, test } from './fixtures';

const OUTBOX = path.join(process.cwd(), '.tmp', `e2e-data-${process.env.E2E_PORT ?? 3199}`, 'outbox');

/** Waits for an e-mail to `to` whose subject matches, sent by the server's job runner, and returns its direct link. */
async function linkFromMail(to: string, subject: RegExp): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(
      async () => {
        if (!fs.existsSync(OUTBOX)) return undefined;
        for (const name of fs.readdirSync(OUTBOX).sort().reverse()) {
          const mail = await simpleParser(fs.readFileSync(path.join(OUTBOX, name)));
          const recipients = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(',') : (mail.to?.text ?? '');
          if (recipients.includes(to) && subject.test(mail.subject ?? '')) {
            link = /Lien direct : (\S+)/.exec(mail.text ?? '')?.[1];
            return link;
          }
        }
        return undefined;
      },
      { timeout: 20_000, message: `courriel « ${subject} » pour ${to}` },
    )
    .toBeTruthy();
  return link!;
}

async function signedOutPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: E2E_ORIGIN, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  return context.newPage();
}

async function signInWithForm(page: Page, email: string, password: string) {
  await page.goto('/connexion');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

async function choosePassword(page: Page, password: string) {
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByLabel('Confirmation').fill(password);
  await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
}

test('an administrator invites a person, who chooses a password from the e-mail and signs in; then resets a forgotten password', async ({ page, browser }) => {
  const email = `invitee-${Date.now()}@exemple.fr`;

  // 1. The administrator creates the account: no password to type, an invitation leaves by e-mail.
  await loginDirectly(page, DEMO.admin);
  await page.goto('/admin/utilisateurs');
  await page.getByRole('button', { name: /Nouvel utilisateur/ }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByLabel(/Mot de passe/)).toHaveCount(0);
  await dialog.getByLabel('Nom', { exact: true }).fill('Inès Invitée');
  await dialog.getByLabel('E-mail').fill(email);
  await dialog.getByRole('combobox', { name: /Rôles/ }).click();
  await page.getByRole('option', { name: 'Enseignant·e' }).click();
  await page.keyboard.press('Escape');
  await dialog.getByRole('button', { name: 'Créer le compte' }).click();
  const row = page.getByRole('row').filter({ hasText: email });
  await expect(row).toBeVisible();
  await expect(row.getByText('invitation envoyée')).toBeVisible();

  // 2. The invitation's link leads to the page where the person chooses a password.
  const invitation = await linkFromMail(email, /choisissez votre mot de passe/);
  expect(invitation.startsWith(`${E2E_ORIGIN}/mot-de-passe?jeton=`)).toBe(true);
  const invitee = await signedOutPage(browser);
  await invitee.goto(invitation);
  await expect(invitee.getByRole('heading', { level: 1, name: 'Bienvenue sur MOVSC' })).toBeVisible();
  await expect(invitee.getByText(email)).toBeVisible();
  await expectAccessible(invitee);
  await choosePassword(invitee, 'password');
  await expect(invitee.getByText('Ce mot de passe fait partie des plus courants : choisissez-en un autre.')).toBeVisible();
  await choosePassword(invitee, 'une phrase de passe bien à moi');
  await expect(invitee.getByText('Votre mot de passe est enregistré : vous pouvez vous connecter.')).toBeVisible();

  // 3. The person signs in.
  await signInWithForm(invitee, email, 'une phrase de passe bien à moi');
  await expect(invitee.getByRole('button', { name: /Menu du compte de Inès Invitée/ })).toBeVisible();
  await expect(invitee.getByRole('link', { name: /Notifications/ }).first()).toBeVisible();
  await invitee.context().clearCookies();

  // The link served once.
  await invitee.goto(invitation);
  await expect(invitee.getByText(/Ce lien n’est plus valable/)).toBeVisible();

  // 4. Forgotten password: the sign-in page's link, the same answer for any address, a link by e-mail.
  await invitee.goto('/connexion');
  await invitee.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
  await expect(invitee.getByRole('heading', { level: 1, name: 'Mot de passe oublié' })).toBeVisible();
  await expectAccessible(invitee);
  await invitee.getByLabel('E-mail').fill(email);
  await invitee.getByRole('button', { name: 'Recevoir un lien' }).click();
  await expect(invitee.getByText(/Si un compte actif correspond à cette adresse/)).toBeVisible();
  const reset = await linkFromMail(email, /réinitialisation de votre mot de passe/);
  await invitee.goto(reset);
  await expect(invitee.getByRole('heading', { level: 1, name: 'Nouveau mot de passe' })).toBeVisible();
  await choosePassword(invitee, 'encore une autre phrase');
  await expect(invitee.getByText('Votre mot de passe est enregistré')).toBeVisible();
  await signInWithForm(invitee, email, 'une phrase de passe bien à moi');
  await expect(invitee.getByRole('alert')).toContainText('Adresse e-mail ou mot de passe incorrect.');
  await signInWithForm(invitee, email, 'encore une autre phrase');
  await expect(invitee.getByRole('button', { name: /Menu du compte de Inès Invitée/ })).toBeVisible();

  // 5. The person corrects her own name on « Mon compte »; a name too short is refused on the field.
  await invitee.goto('/compte');
  await invitee.getByRole('button', { name: 'Modifier mon nom' }).click();
  await invitee.getByLabel('Nom', { exact: true }).fill('I');
  await invitee.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(invitee.getByText('Le nom doit compter au moins 2 caractères.')).toBeVisible();
  await invitee.getByLabel('Nom', { exact: true }).fill('Inès Invitée-Martin');
  await invitee.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(invitee.getByText('Votre nom a été modifié.')).toBeVisible();
  await invitee.reload();
  await expect(invitee.getByRole('button', { name: /Menu du compte de Inès Invitée-Martin/ })).toBeVisible();
  await invitee.context().close();

  // The journal keeps the change, in words.
  await page.goto('/admin/journal');
  await expect(page.getByText('Nom changé par la personne').first()).toBeVisible();

  // 6. The administrator sees the e-mails in "Tâches de fond".
  await page.goto('/admin/taches');
  await expect(page.getByRole('heading', { level: 1, name: 'Tâches de fond' })).toBeVisible();
  await expect(page.getByText('Envoi d’un lien de mot de passe').first()).toBeVisible();
  await expectAccessible(page);
});
