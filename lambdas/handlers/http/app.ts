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
  /** Header names in lower case, as API Gateway (payload v2) gives them. */
  headers: Record<string, string>;
  body: B;
}

/** What a public route sees: no caller, since it proves who it is otherwise (a write key, a signed token). */
export type PublicRequest<B> = Omit<Request<B>, "caller"> & { caller?: undefined };

interface RouteBase<B> {
  route: string;
  body?: z.ZodType<B>;
  status?: number;
  /**
   * Hands the body over as text instead of parsing it as JSON: RFC 8058 one-click unsubscribe
   * posts `List-Unsubscribe=One-Click` as a form. A `body` schema then validates the text.
   */
  rawBody?: true;
}

/** A route for a JWT caller (the default), optionally limited to some roles. */
export interface PrivateRoute<B> extends RouteBase<B> {
  public?: undefined;
  roles?: Role[];
  fn: (request: Request<B>) => Promise<unknown>;
}

/**
 * A route without a JWT (`POST /track`, `/unsubscribe`): on AWS an API Gateway route without the
 * authorizer, locally a route the server lets through without a Bearer token.
 */
export interface PublicRoute<B> extends RouteBase<B> {
  public: true;
  roles?: undefined;
  fn: (request: PublicRequest<B>) => Promise<unknown>;
}

/** One route: `METHOD /path/{param}`, an optional body schema, the roles allowed, the function. */
export type Route<B = unknown> = PrivateRoute<B> | PublicRoute<B>;

/** Helps TypeScript infer the body type of a route from its schema. */
export function route<B>(r: Route<B>): Route {
  return r as Route;
}

/** The route keys that need no JWT, for the local server (and the stack's authorizer-less routes). */
export function publicRouteKeys(routes: Route[]): string[] {
  return routes.filter((r) => r.public).map((r) => r.route);
}

function bodyText(event: HttpEvent): string | undefined {
  if (!event.body) return undefined;
  return event.isBase64Encoded ? Buffer.from(event.body, "base64").toString("utf8") : event.body;
}

function parseBody(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidRequestError([{ path: "(body)", message: "not JSON" }]);
  }
}

/** The caller of a private route, or the response that refuses it. */
function authorize(r: Route, event: HttpEvent): Caller | APIGatewayProxyStructuredResultV2 {
  const caller = callerOf(event.requestContext?.authorizer?.jwt?.claims);
  if (!caller)
    return json(401, { error: "unauthorized", message: "a token with tenant, sub and role is required" });
  if (r.roles && !r.roles.includes(caller.role))
    throw new ForbiddenError(`this needs the role ${r.roles.join(" or ")} (you are ${caller.role})`);
  return caller;
}

/**
 * The API as one Lambda handler (API Gateway HTTP API, payload v2): finds the route by
 * `routeKey`, takes the caller from the JWT claims (none for public routes), validates the body
 * with zod, runs the route, maps errors. The local server builds the same events and calls the
 * same handler.
 */
export function createHttpApp(routes: Route[], log: (line: string) => void = console.error) {
  const byKey = new Map(routes.map((r) => [r.route, r]));
  return middy<HttpEvent, APIGatewayProxyStructuredResultV2>().handler(async (event) => {
    const requestId = event.requestContext?.requestId ?? "local";
    try {
      const r = byKey.get(event.routeKey);
      if (!r) return json(404, { error: "not_found", message: `no route ${event.routeKey}` });
      const text = bodyText(event);
      const raw = r.rawBody ? text : parseBody(text);
      const common = {
        params: (event.pathParameters ?? {}) as Record<string, string>,
        query: (event.queryStringParameters ?? {}) as Record<string, string>,
        headers: (event.headers ?? {}) as Record<string, string>,
      };
      let result: unknown;
      if (r.public) {
        result = await r.fn({ ...common, body: r.body ? r.body.parse(raw ?? {}) : raw });
      } else {
        const caller = authorize(r, event);
        if (!("tenantId" in caller)) return caller;
        result = await r.fn({ ...common, caller, body: r.body ? r.body.parse(raw ?? {}) : raw });
      }
      return json(r.status ?? 200, result);
    } catch (error) {
      return errorResponse(error, requestId, log);
    }
  });
}
