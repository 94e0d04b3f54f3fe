import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { ZodError } from "zod";
import { formatPath } from "../../../statemachines/definitions/problems.js";
import {
  ConflictError,
  ForbiddenError,
  InvalidRequestError,
  LimitReachedError,
  NotFoundError,
  RateLimitedError,
  UnauthorizedError,
} from "../../core/errors.js";

export function json(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { "content-type": "application/json", ...headers },
    body: statusCode === 204 ? "" : JSON.stringify(body),
  };
}

/**
 * The one error mapper: domain errors to 4xx with what and why; anything else is a 500 that
 * reveals nothing (the error is logged with the request id instead).
 */
export function errorResponse(
  error: unknown,
  requestId: string,
  log: (line: string) => void,
): APIGatewayProxyStructuredResultV2 {
  if (error instanceof ZodError)
    return json(400, {
      error: "invalid_request",
      issues: error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
    });
  if (error instanceof InvalidRequestError)
    return json(400, { error: "invalid_request", issues: error.issues });
  if (error instanceof NotFoundError) return json(404, { error: "not_found", message: error.message });
  if (error instanceof ForbiddenError) return json(403, { error: "forbidden", message: error.message });
  if (error instanceof LimitReachedError)
    return json(409, {
      error: "limit_reached",
      limit: error.limit,
      plan: error.plan,
      max: error.max,
      used: error.used,
    });
  if (error instanceof UnauthorizedError) return json(401, { error: "unauthorized", message: error.message });
  if (error instanceof RateLimitedError)
    return json(
      429,
      { error: "rate_limited", message: error.message, retryAfter: error.retryAfter },
      { "retry-after": String(error.retryAfter) },
    );
  if (error instanceof ConflictError) return json(409, { error: "conflict", message: error.message });
  log(
    `request ${requestId} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  return json(500, { error: "internal", requestId });
}
