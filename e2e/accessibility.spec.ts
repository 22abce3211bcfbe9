/**
 * Accessibility across the app (issue 8, quality bar and item 16): the skip link, readable error text
 * and menu items, and axe (WCAG 2.1 A/AA, every impact) on every page of the navigation: each distinct
 * view once (NAV_PAGES), while each role's walk opens every link of its menu.
 */
import { expect, type Page } from '@playwright/test';
import { checkedUnderAnotherAccount, DEMO, DEMO_PASSWORD, expectAccessible, loginDirectly, settle, test } from './fixtures';

/** Contrast ratio of two CSS rgb() colours (WCAG 2.1 relative luminance). */
function contrast(a: string, b: string) {
  const lum = (rgb: string) => {
    const [r, g, bl] = rgb.match(/\d+(\.\d+)?/g)!.slice(0, 3).map(Number).map((v) => v / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
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

type TRole = keyof typeof DEMO;
const ALL: TRole[] = ['admin', 'gestionnaire', 'responsable', 'enseignant', 'jury', 'auditeur'];

/**
 * Every page of the demo roles' navigation, with the accounts whose view of it axe checks: at 1280 px
 * (`as`) and at 390 px (`phone`). A page is checked once per distinct view, not once per role that links
 * to it: the home differs by role; a page with its own actions or data per role is checked as each kind
 * (a role that manages promotions and one that reads them); the rest once. `phone` is a representative
 * set of what changes on a phone (the header and its menu on every page, tables, cards, forms): the
 * homes of the staff, the teacher and the learner, the promotions, the learner's calendar, a list and
 * a wide table of the staff, a form (forms.spec.ts lays the candidate's file out at 390 px).
 * Every role's walk below opens each link of its menu, whether its view is checked here or not.
 * A new page of the navigation is appended here: the walk fails on a link missing from this list.
 */
export const NAV_PAGES: { path: string; as: TRole[]; phone?: TRole[] }[] = [
  { path: '/', as: ALL, phone: ['gestionnaire', 'enseignant', 'auditeur'] },
  { path: '/promotions', as: ['responsable', 'enseignant'], phone: ['enseignant'] },
  { path: '/mon-calendrier', as: ['enseignant', 'auditeur'], phone: ['auditeur'] },
  { path: '/referentiel', as: ['responsable', 'jury'] },
  { path: '/candidatures', as: ['gestionnaire'], phone: ['gestionnaire'] },
  { path: '/mes-candidatures', as: ['auditeur'] },
  { path: '/admin/utilisateurs', as: ['admin'] },
  { path: '/admin/centres', as: ['admin'] },
  { path: '/admin/vacances-scolaires', as: ['admin'] },
  { path: '/admin/journal', as: ['admin'], phone: ['admin'] },
  { path: '/admin/taches', as: ['admin'] },
  { path: '/notifications', as: ['gestionnaire', 'auditeur'] },
  { path: '/compte', as: ['auditeur'], phone: ['auditeur'] },
  { path: '/memoires', as: ['responsable'] },
  { path: '/mon-memoire', as: ['auditeur'] },
  { path: '/mes-ateliers-et-memoires', as: ['enseignant'] },
  { path: '/suivi-individuel', as: ['enseignant'] },
  { path: '/mon-suivi', as: ['auditeur'] },
  { path: '/mon-journal', as: ['auditeur'] },
  { path: '/evaluations', as: ['responsable', 'enseignant'] },
  { path: '/mes-evaluations', as: ['auditeur'] },
  { path: '/mes-jurys', as: ['jury'] },
  { path: '/mes-soutenances', as: ['auditeur', 'jury'] },
];

async function navTargets(page: Page) {
  const nav = page.getByRole('navigation', { name: 'Navigation principale' });
  const hrefs = await nav.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  return hrefs.filter((h) => h.startsWith('/') && !h.startsWith('/api/'));
}

test('NAV_PAGES names each page once, for accounts that exist', () => {
  expect(new Set(NAV_PAGES.map((p) => p.path)).size).toBe(NAV_PAGES.length);
  for (const p of NAV_PAGES) {
    expect(p.as.length, p.path).toBeGreaterThan(0);
    expect((p.phone ?? []).filter((r) => !p.as.includes(r)), `${p.path}: phone views are checked at 1280 px too`).toEqual([]);
  }
});

for (const role of ALL) {
  test(`the ${role}’s navigation: each link opens its page; axe (WCAG 2.1 A/AA, every impact) on this role’s views, desktop and phone`, async ({ page }) => {
    // About a dozen pages opened, a few checked twice, on a busy 2-core machine.
    test.setTimeout(240_000);
    // One sign-in for the whole walk: the context keeps its cookie.
    await loginDirectly(page, DEMO[role]);
    await page.goto('/');
    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    await expect(nav).toBeVisible();
    const targets = await navTargets(page);
    expect(targets.length).toBeGreaterThan(1);
    expect(targets.filter((href) => !NAV_PAGES.some((p) => p.path === href)), `links of the ${role}’s navigation missing from NAV_PAGES: append them`).toEqual([]);
    const mine = NAV_PAGES.filter((p) => p.as.includes(role));
    expect(mine.map((p) => p.path).filter((path) => !targets.includes(path)), `NAV_PAGES checks these as ${role}, whose navigation has no link to them`).toEqual([]);

    const title = page.getByRole('main').getByRole('heading', { level: 1 });
    for (const href of targets) {
      // Through the menu, as a person would: the link is there and leads to a page with its own heading.
      const previous = href === '/' ? null : await title.textContent();
      await nav.locator(`a[href="${href}"]`).click();
      await expect(page).toHaveURL((url) => url.pathname === href);
      await expect(page.locator('.mantine-Loader-root')).toHaveCount(0, { timeout: 15_000 });
      await expect(title).toBeVisible();
      if (previous !== null) await expect(title).not.toHaveText(previous);
      if (mine.some((p) => p.path === href)) {
        // The page as it rests, as `page.goto` shows it: not with the pointer left on the link.
        await page.mouse.move(0, 0);
        await settle(page);
        await expectAccessible(page);
      } else {
        checkedUnderAnotherAccount(page, href);
      }
    }

    await page.setViewportSize({ width: 390, height: 844 });
    for (const { path } of mine.filter((p) => p.phone?.includes(role))) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await settle(page);
      await expectAccessible(page);
    }
  });
}
