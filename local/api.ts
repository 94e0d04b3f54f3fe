import { type AutomationsDeps, automationRoutes } from "../lambdas/handlers/api/automations.js";
import { type RecordsDeps, recordRoutes } from "../lambdas/handlers/api/records.js";
import type { Route } from "../lambdas/handlers/http/app.js";

export type ApiDeps = RecordsDeps & AutomationsDeps;

/** Every route of the HTTP API, wired to one set of dependencies. */
export function apiRoutes(deps: ApiDeps): Route[] {
  return [...recordRoutes(deps), ...automationRoutes(deps)];
}
