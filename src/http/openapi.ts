/**
 * Helpers shared by every feature's route contracts: the router factory with our validation
 * hook (422 + French issues), the error response schemas, pagination.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { TAppEnv } from './context.js';
import { formatPath } from './errors.js';
import { installValidationMessages } from './validation-messages.js';

// Zod's French messages for every schema of the API; generic ones name their field's French label.
installValidationMessages();

export function createRouter() {
  return new OpenAPIHono<TAppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        return c.json(
          {
            message: 'Certaines données sont invalides.',
            issues: result.error.issues.flatMap(issueOf),
          },
          422,
        );
      }
    },
  });
}

type TZodIssue = z.core.$ZodIssue;

/**
 * One issue per field: an unknown key is named by its own path (`role`, `staff[0].note`), not by
 * its object's (often the body, whose path is empty and names nothing).
 */
function issueOf(i: TZodIssue): { path: string; message: string }[] {
  if (i.code === 'unrecognized_keys') {
    return i.keys.map((key) => ({ path: formatPath([...i.path, key]), message: `Champ inconnu « ${key} » : retirez-le.` }));
  }
  return [{ path: formatPath(i.path), message: i.message }];
}

export const ZErrorSchema = z
  .object({ message: z.string(), requestId: z.string().optional() })
  .openapi('Error');

export const ZValidationErrorSchema = z
  .object({
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })),
  })
  .openapi('ValidationError');

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

export const errorResponses = {
  401: json(ZErrorSchema, 'Non connecté'),
  403: json(ZErrorSchema, 'Droits insuffisants'),
  422: json(ZValidationErrorSchema, 'Données invalides'),
} as const;

export const notFoundResponse = { 404: json(ZErrorSchema, 'Introuvable') } as const;
export const conflictResponse = { 409: json(ZValidationErrorSchema, 'Conflit') } as const;

export { json as jsonContent };

export const ZPaginationQuery = z.object({
  page: z.coerce.number().int().min(1).default(1).openapi({ example: 1 }),
  pageSize: z.coerce.number().int().min(1).max(200).default(25).openapi({ example: 25 }),
});

export const paginated = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
