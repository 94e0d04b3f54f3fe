import { z } from "zod";
import type { Route } from "../http/app.js";

/**
 * The OpenAPI 3.1 document, generated from the routes and their zod schemas, so it cannot drift
 * from what the handlers accept.
 */
export function openApiDocument(routes: Route[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const [method = "GET", path = "/"] = r.route.split(" ");
    const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: "path",
      required: true,
      schema: { type: "string" },
    }));
    const operation: Record<string, unknown> = {
      operationId: `${method.toLowerCase()}${path
        .replace(/[{}]/g, "")
        .replace(/\/(\w)/g, (_, c: string) => c.toUpperCase())
        .replace(/[^\w]/g, "")}`,
      ...(params.length ? { parameters: params } : {}),
      ...(r.body && !r.rawBody
        ? {
            requestBody: {
              required: true,
              content: {
                "application/json": {
                  schema: z.toJSONSchema(r.body, { io: "input", unrepresentable: "any" }),
                },
              },
            },
          }
        : {}),
      ...(r.roles ? { description: `Roles: ${r.roles.join(", ")}.` } : {}),
      responses: {
        [String(r.status ?? 200)]: { description: "OK" },
        "400": { description: "invalid_request: issues with path and message" },
        "401": { description: "no valid token" },
        "403": { description: "the role may not" },
        "404": { description: "not found (also for another workspace's ids)" },
        "409": { description: "limit_reached or conflict" },
      },
      // Public routes (tracking, unsubscribe) prove themselves otherwise: a write key, a signed token.
      security: r.public ? [] : [{ bearer: [] }],
    };
    paths[path] = { ...(paths[path] ?? {}), [method.toLowerCase()]: operation };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Autopilot",
      version: "0.1.0",
      description: "CRM automation: workflows, sequences, journeys.",
    },
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" } } },
    paths,
  };
}
