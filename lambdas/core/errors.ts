/**
 * Domain errors. They carry no HTTP status: one middleware maps them (lambdas/handlers/http).
 */
export class DomainError extends Error {}

export class NotFoundError extends DomainError {
  override readonly name = "NotFoundError";
  constructor(what: string) {
    super(`${what} not found`);
  }
}

export class ForbiddenError extends DomainError {
  override readonly name = "ForbiddenError";
}

export class ConflictError extends DomainError {
  override readonly name = "ConflictError";
}

/** A plan limit stands in the way (PRODUCT.md: `409 limit_reached` with the limit and the plan). */
export class LimitReachedError extends DomainError {
  override readonly name = "LimitReachedError";
  constructor(
    readonly limit: string,
    readonly plan: string,
    readonly max: number,
    readonly used: number,
  ) {
    super(`${limit}: ${used} of ${max} on the ${plan} plan`);
  }
}

export interface Issue {
  path: string;
  message: string;
}

/** Input that names fields and reasons: `400 {error: "invalid_request", issues}`. */
export class InvalidRequestError extends DomainError {
  override readonly name = "InvalidRequestError";
  constructor(readonly issues: Issue[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join("; "));
  }
}

/** The caller could not be identified (an unknown write key): `401 unauthorized`. */
export class UnauthorizedError extends DomainError {
  override readonly name = "UnauthorizedError";
}

/** Too many calls in the current window: `429 rate_limited`, to try again after `retryAfter` seconds. */
export class RateLimitedError extends DomainError {
  override readonly name = "RateLimitedError";
  constructor(
    readonly limit: string,
    readonly retryAfter: number,
  ) {
    super(`${limit}: try again in ${retryAfter}s`);
  }
}
