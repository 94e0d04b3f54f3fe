import { type AutomationsDeps, automationRoutes } from "../lambdas/handlers/api/automations.js";
import { type RecordsDeps, recordRoutes } from "../lambdas/handlers/api/records.js";
import { secretRoutes } from "../lambdas/handlers/api/secrets.js";
import { userRoutes } from "../lambdas/handlers/api/users.js";
import type { Route } from "../lambdas/handlers/http/app.js";
import type { Secrets, Users } from "../lambdas/ports.js";

export type ApiDeps = RecordsDeps & AutomationsDeps & { users: Users; secrets: Secrets };

/** Every route of the HTTP API, wired to one set of dependencies. */
export function apiRoutes(deps: ApiDeps): Route[] {
  return [...recordRoutes(deps), ...automationRoutes(deps), ...userRoutes(deps), ...secretRoutes(deps)];
}
