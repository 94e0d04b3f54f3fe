import { type AutomationsDeps, automationRoutes } from "../lambdas/handlers/api/automations.js";
import { type EnrollmentsDeps, enrollmentRoutes } from "../lambdas/handlers/api/enrollments.js";
import { openApiDocument } from "../lambdas/handlers/api/openapi.js";
import { type RecordsDeps, recordRoutes } from "../lambdas/handlers/api/records.js";
import { secretRoutes } from "../lambdas/handlers/api/secrets.js";
import { taskRoutes } from "../lambdas/handlers/api/tasks.js";
import { usageRoutes } from "../lambdas/handlers/api/usage.js";
import { userRoutes } from "../lambdas/handlers/api/users.js";
import { type Route, route } from "../lambdas/handlers/http/app.js";
import type { Secrets, Users } from "../lambdas/ports.js";

export type ApiDeps = RecordsDeps & AutomationsDeps & EnrollmentsDeps & { users: Users; secrets: Secrets };

/** Every route of the HTTP API, wired to one set of dependencies. */
export function apiRoutes(deps: ApiDeps): Route[] {
  const routes = [
    ...recordRoutes(deps),
    ...automationRoutes(deps),
    ...enrollmentRoutes(deps),
    ...userRoutes(deps),
    ...secretRoutes(deps),
    ...taskRoutes(deps),
    ...usageRoutes(deps),
  ];
  const document = openApiDocument(routes);
  return [...routes, route({ route: "GET /openapi.json", fn: async () => document })];
}
