import type { Context } from 'hono';
import type { TAuditActor } from '../features/audit/audit.service.js';
import type { TAppEnv } from './context.js';
import { requireActor } from './session.js';

/** The audit identity of the caller of a request. */
export function auditActorOf(c: Context<TAppEnv>): TAuditActor {
  const actor = requireActor(c);
  return { userId: actor.userId, label: `${actor.name} <${actor.email}>`, requestId: c.get('requestId') };
}
