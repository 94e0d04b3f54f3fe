import { jwtVerify, SignJWT } from "jose";
import type { Role } from "../lambdas/handlers/http/caller.js";

const ISSUER = "autopilot-local";

/**
 * Development tokens, signed with a local key (HS256). On AWS, API Gateway's JWT authorizer
 * verifies tokens from the team's identity provider; the claims the handlers read are the same:
 * `tenant`, `sub` (the user) and `role`.
 */
export class DevTokens {
  constructor(private readonly key: Uint8Array) {}

  sign(claims: { tenant: string; user: string; role: Role }, ttlSeconds = 30 * 24 * 3600): Promise<string> {
    return new SignJWT({ tenant: claims.tenant, role: claims.role })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(claims.user)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .sign(this.key);
  }

  /** The claims of a valid token, or undefined (bad signature, expired, malformed). */
  async verify(token: string): Promise<Record<string, unknown> | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, algorithms: ["HS256"] });
      return payload as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }
}
