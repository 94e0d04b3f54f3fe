import middy from "@middy/core";
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import type { z } from "zod";
import { ForbiddenError, InvalidRequestError } from "../../core/errors.js";
import { type Caller, callerOf, type Role } from "./caller.js";
import { errorResponse, json } from "./respond.js";

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;

export interface Request<B> {
  caller: Caller;
  params: Record<string, string>;
  query: Record<string, string>;
  body: B;
}

/** One route: `METHOD /path/{param}`, an optional body schema, the roles allowed, the function. */
export interface Route<B = unknown> {
  route: string;
  body?: z.ZodType<B>;
  roles?: Role[];
  status?: number;
  fn: (request: Request<B>) => Promise<unknown>;
}

/** Helps TypeScript infer the body type of a route from its schema. */
export function route<B>(r: Route<B>): Route {
  return r as Route;
}

function parseBody(event: HttpEvent): unknown {
  if (!event.body) return undefined;
  const text = event.isBase64Encoded ? Buffer.from(event.body, "base64").toString("utf8") : event.body;
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidRequestError([{ path: "(body)", message: "not JSON" }]);
  }
}

/**
 * The API as one Lambda handler (API Gateway HTTP API, payload v2): finds the route by
 * `routeKey`, takes the caller from the JWT claims, validates the body with zod, runs the route,
 * maps errors. The local server builds the same events and calls the same handler.
 */
export function createHttpApp(routes: Route[], log: (line: string) => void = console.error) {
  const byKey = new Map(routes.map((r) => [r.route, r]));
  return middy<HttpEvent, APIGatewayProxyStructuredResultV2>().handler(async (event) => {
    const requestId = event.requestContext?.requestId ?? "local";
    try {
      const r = byKey.get(event.routeKey);
      if (!r) return json(404, { error: "not_found", message: `no route ${event.routeKey}` });
      const caller = callerOf(event.requestContext?.authorizer?.jwt?.claims);
      if (!caller)
        return json(401, { error: "unauthorized", message: "a token with tenant, sub and role is required" });
      if (r.roles && !r.roles.includes(caller.role))
        throw new ForbiddenError(`this needs the role ${r.roles.join(" or ")} (you are ${caller.role})`);
      const raw = parseBody(event);
      const body = r.body ? r.body.parse(raw ?? {}) : raw;
      const result = await r.fn({
        caller,
        params: (event.pathParameters ?? {}) as Record<string, string>,
        query: (event.queryStringParameters ?? {}) as Record<string, string>,
        body,
      });
      return json(r.status ?? 200, result);
    } catch (error) {
      return errorResponse(error, requestId, log);
    }
  });
}
