import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../src/features/audit/audit.tables.js';
import { users } from '../../src/features/auth/auth.tables.js';
import { createTestContext, type TTestContext } from '../helpers/context.js';

let t: TTestContext;
let admin: { cookie: string; user: { id: string } };
beforeAll(async () => {
  t = await createTestContext();
  admin = await t.as('administrateur');
});
afterAll(() => t.close());

describe('administration of users', () => {
  it('creates a user with roles and centres, who is invited to choose a password (tests/api/accounts.test.ts follows the link)', async () => {
    const centre = await t.createTestCentre('Centre Lyon test');
    const email = `nouvelle-${Date.now()}@exemple.fr`;
    const res = await t.call('POST', '/api/users', {
      cookie: admin.cookie,
      body: { name: 'Nina Nouvelle', email, roles: ['responsable_pedagogique', 'enseignant'], centreIds: [centre.id] },
    });
    expect(res.status).toBe(201);
    expect(res.body.roles.sort()).toEqual(['enseignant', 'responsable_pedagogique']);
    expect(res.body.centres.map((c: { name: string }) => c.name)).toEqual(['Centre Lyon test']);
    expect(res.body.passwordSet).toBe(false);
    const attempt = await t.call('POST', '/api/auth/sign-in/email', { body: { email, password: 'un-mot-de-passe-long' } });
    expect(attempt.status).toBe(401);
  });

  it('no longer lets the administrator choose someone else’s password', async () => {
    const res = await t.call('POST', '/api/users', {
      cookie: admin.cookie,
      body: { name: 'Nina Nouvelle', email: `mdp-${Date.now()}@exemple.fr`, password: 'un-mot-de-passe-long', roles: ['enseignant'] },
    });
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body.issues)).toContain('password');
  });

  it('refuses bad input with 422, French messages naming each field, and writes nothing', async () => {
    const email = `invalide-${Date.now()}@exemple.fr`;
    const res = await t.call('POST', '/api/users', {
      cookie: admin.cookie,
      body: { name: 'X', email: 'pas-une-adresse', roles: [], centreIds: ['pas-un-uuid'] },
    });
    expect(res.status).toBe(422);
    const byPath = Object.fromEntries(res.body.issues.map((i: { path: string; message: string }) => [i.path, i.message]));
    expect(byPath.name).toBe('Le nom doit compter au moins 2 caractères.');
    expect(byPath.email).toBe('Adresse e-mail invalide.');
    expect(byPath.roles).toBe('Choisissez au moins un rôle.');
    expect(byPath['centreIds[0]']).toBe('Identifiant de centre invalide.');
    expect(await t.db.select().from(users).where(eq(users.email, email))).toHaveLength(0);
  });

  it('refuses an unknown centre (422) without creating the user', async () => {
    const email = `centre-${Date.now()}@exemple.fr`;
    const res = await t.call('POST', '/api/users', {
      cookie: admin.cookie,
      body: { name: 'Sans Centre', email, roles: ['enseignant'], centreIds: ['00000000-0000-4000-8000-000000000000'] },
    });
    expect(res.status).toBe(422);
    expect(res.body.issues[0].path).toBe('centreIds[0]');
    expect(await t.db.select().from(users).where(eq(users.email, email))).toHaveLength(0);
  });

  it('refuses a duplicate e-mail with 409 naming the field', async () => {
    const existing = await t.createTestUser();
    const res = await t.call('POST', '/api/users', {
      cookie: admin.cookie,
      body: { name: 'Doublon', email: existing.email.toUpperCase(), roles: ['enseignant'] },
    });
    expect(res.status).toBe(409);
    expect(res.body.issues).toEqual([{ path: 'email', message: 'Un compte existe déjà avec cette adresse e-mail.' }]);
  });

  it('updates roles and centres, and records before/after in the audit log', async () => {
    const user = await t.createTestUser({ roles: ['auditeur'] });
    const res = await t.call('PATCH', `/api/users/${user.id}`, { cookie: admin.cookie, body: { roles: ['jury'] } });
    expect(res.status).toBe(200);
    expect(res.body.roles).toEqual(['jury']);
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.entityId, user.id));
    const update = events.find((e) => e.action === 'user.updated');
    expect(update?.actorId).toBe(admin.user.id);
    expect(update?.before).toMatchObject({ roles: ['auditeur'] });
    expect(update?.after).toMatchObject({ roles: ['jury'] });
  });

  it('lists users with search, role filter, sort and pagination', async () => {
    const tag = `zz${Date.now()}`;
    for (const name of ['Charlie', 'Alpha', 'Bravo']) await t.createTestUser({ name: `${tag} ${name}`, roles: ['enseignant'] });
    const page1 = await t.call('GET', `/api/users?q=${tag}&role=enseignant&sort=name&order=asc&pageSize=2`, { cookie: admin.cookie });
    expect(page1.status).toBe(200);
    expect(page1.body.total).toBe(3);
    expect(page1.body.items.map((u: { name: string }) => u.name)).toEqual([`${tag} Alpha`, `${tag} Bravo`]);
    const page2 = await t.call('GET', `/api/users?q=${tag}&sort=name&order=asc&pageSize=2&page=2`, { cookie: admin.cookie });
    expect(page2.body.items.map((u: { name: string }) => u.name)).toEqual([`${tag} Charlie`]);
  });

  it('an administrator cannot lock themself out', async () => {
    const res = await t.call('PATCH', `/api/users/${admin.user.id}`, { cookie: admin.cookie, body: { disabled: true } });
    expect(res.status).toBe(403);
    expect(res.body.message).toBe("Accès refusé : vous ne pouvez ni désactiver votre propre compte ni retirer votre rôle d'administrateur·rice.");
    const demoted = await t.call('PATCH', `/api/users/${admin.user.id}`, { cookie: admin.cookie, body: { roles: ['gestionnaire'] } });
    expect(demoted.status).toBe(403);
  });

  it.each(['gestionnaire', 'responsable_pedagogique', 'enseignant', 'jury', 'auditeur'] as const)(
    'refuses user administration to a %s (403, French message)',
    async (role) => {
      const { cookie } = await t.as(role);
      const list = await t.call('GET', '/api/users', { cookie });
      expect(list.status).toBe(403);
      expect(list.body.message).toMatch(/^Accès refusé/);
      const create = await t.call('POST', '/api/users', {
        cookie,
        body: { name: 'Pirate', email: `pirate-${role}@exemple.fr`, roles: ['administrateur'] },
      });
      expect(create.status).toBe(403);
      expect(await t.db.select().from(users).where(eq(users.email, `pirate-${role}@exemple.fr`))).toHaveLength(0);
    },
  );

  it('answers 401 to anonymous callers', async () => {
    const res = await t.call('GET', '/api/users');
    expect(res.status).toBe(401);
  });
});
