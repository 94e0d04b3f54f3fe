import { z } from "zod";

export const Role = z.enum(["admin", "manager", "rep"]);
export type Role = z.infer<typeof Role>;

/** Who calls: from the JWT's claims (verified by API Gateway, or by the local server), never the body. */
export const Claims = z.object({ tenant: z.string().min(1), sub: z.string().min(1), role: Role });

export interface Caller {
  tenantId: string;
  userId: string;
  role: Role;
}

export function callerOf(claims: unknown): Caller | undefined {
  const c = Claims.safeParse(claims);
  return c.success ? { tenantId: c.data.tenant, userId: c.data.sub, role: c.data.role } : undefined;
}
