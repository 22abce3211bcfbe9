/**
 * Accessibility across the app (issue 8, quality bar and item 16): the skip link, readable error text
 * and menu items, and axe (WCAG 2.1 A/AA, every impact) on every page of the navigation of each role.
 */
import { expect, type Page } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, expectAccessible, loginDirectly, settle, test } from './fixtures';

/** Contrast ratio of two CSS rgb() colours (WCAG 2.1 relative luminance). */
function contrast(a: string, b: string) {
  const lum = (rgb: string) => {
    const [r, g, bl] = rgb.match(/\d+(\.\d+)?/g)!.slice(0, 3).map(Number).map((v) => v / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}

async function navTargets(page: Page) {
  const nav = page.getByRole('navigation', { name: 'Navigation principale' });
  const hrefs = await nav.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  return hrefs.filter((h) => h.startsWith('/') && !h.startsWith('/api/'));
}

test('the skip link is the first thing the keyboard reaches, and takes it to the page’s content', async ({ page }) => {
  await page.goto('/connexion');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Aller au contenu' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await expectAccessible(page);

  await loginDirectly(page, DEMO.gestionnaire);
  await page.goto('/promotions');
  await expect(page.getByRole('heading', { level: 1, name: 'Promotions' })).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
  // The next Tab lands inside the page, not on the header's search, bell or account menu.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => !!document.activeElement?.closest('main'))).toBe(true);
  await expect(page).toHaveURL(/\/promotions$/);
});

test('an error message is readable: darker than #fa5252, at least 4.5:1 on its background', async ({ page }) => {
  await page.goto('/connexion');
  await page.getByLabel('E-mail').fill('pas-une-adresse');
  await page.getByLabel('Mot de passe', { exact: true }).fill('x');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  const error = page.locator('.mantine-InputWrapper-error').first();
  await expect(error).toBeVisible();
  const color = await error.evaluate((el) => getComputedStyle(el).color);
  expect(color).not.toBe('rgb(250, 82, 82)');
  expect(contrast(color, 'rgb(255, 255, 255)')).toBeGreaterThanOrEqual(4.5);
  await expectAccessible(page);

  await page.getByLabel('E-mail').fill(DEMO.gestionnaire);
  await page.getByLabel('Mot de passe', { exact: true }).fill(`${DEMO_PASSWORD}-faux`);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expectAccessible(page);
});

test('the account menu, opened and hovered item by item, passes axe', async ({ page }) => {
  await loginDirectly(page, DEMO.gestionnaire);
  await page.goto('/');
  await page.getByRole('button', { name: /Menu du compte/ }).click();
  const items = page.getByRole('menuitem');
  await expect(items.first()).toBeVisible();
  await expect(page.getByRole('menu')).toHaveCSS('opacity', '1');
  for (const item of await items.all()) {
    await item.hover();
    await page.waitForTimeout(200);
    await expectAccessible(page);
  }
});

for (const role of ['admin', 'gestionnaire', 'responsable', 'enseignant', 'jury', 'auditeur'] as const) {
  test(`every page of the ${role}’s navigation passes axe (WCAG 2.1 A/AA, every impact), desktop and phone`, async ({ page }) => {
    // Up to twelve pages, twice, on a busy 2-core machine.
    test.setTimeout(420_000);
    await loginDirectly(page, DEMO[role]);
    await page.goto('/');
    await expect(page.getByRole('navigation', { name: 'Navigation principale' })).toBeAttached();
    const targets = await navTargets(page);
    expect(targets.length).toBeGreaterThan(1);
    for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
      await page.setViewportSize(viewport);
      for (const href of targets) {
        await page.goto(href);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await settle(page);
        await expectAccessible(page);
      }
    }
  });
}
