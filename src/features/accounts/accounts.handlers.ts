import { auditActorOf } from '../../http/actor.js';
import { createRouter } from '../../http/openapi.js';
import { requireActor } from '../../http/session.js';
import { authorize } from '../../policies/policies.js';
import { checkLinkRoute, requestResetRoute, resendInvitationRoute, setPasswordRoute } from './accounts.routes.js';
import { checkAccountLink, requestPasswordReset, resendInvitation, setPasswordWithLink } from './accounts.service.js';

/** One answer whatever the address: the form must not tell who has an account. */
export const RESET_REQUESTED_MESSAGE =
  'Si un compte actif correspond à cette adresse, un courriel vient de lui être envoyé avec un lien valable une heure. Pensez à regarder dans les indésirables.';

export const accountsRouter = createRouter()
  .openapi(requestResetRoute, async (c) => {
    const { db, clock } = c.get('deps');
    await requestPasswordReset({ db, email: c.req.valid('json').email, now: clock.now() });
    return c.json({ message: RESET_REQUESTED_MESSAGE }, 202);
  })
  .openapi(checkLinkRoute, async (c) => {
    const { db, clock } = c.get('deps');
    return c.json(await checkAccountLink({ db, token: c.req.valid('json').token, now: clock.now() }), 200);
  })
  .openapi(setPasswordRoute, async (c) => {
    const { db, clock } = c.get('deps');
    const { token, password } = c.req.valid('json');
    const { email } = await setPasswordWithLink({ db, token, password, now: clock.now() });
    return c.json({ email, message: 'Votre mot de passe est enregistré : vous pouvez vous connecter.' }, 200);
  })
  .openapi(resendInvitationRoute, async (c) => {
    authorize(requireActor(c), 'users:manage');
    await resendInvitation({ db: c.get('deps').db, actor: auditActorOf(c), userId: c.req.valid('param').id });
    return c.json({ message: 'Invitation renvoyée : le lien précédent ne vaut plus.' }, 202);
  });
