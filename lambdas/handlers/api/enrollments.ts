import { z } from "zod";
import { validateDefinition } from "../../../statemachines/definitions/validate.js";
import { ConflictError, InvalidRequestError, NotFoundError } from "../../core/errors.js";
import { type EnrollmentTrace, outlineOf, StatsTally } from "../../core/journey-stats.js";
import type { Automations, Engine, Enrollment, EnrollmentQuery, LedgerState, Page } from "../../ports.js";
import { type EndDeps, endEnrollment } from "../enrollment-ops.js";
import { type Route, route } from "../http/app.js";
import type { Caller } from "../http/caller.js";

/** The traces of many enrollments at once (BatchGetItem on AWS); ids of other tenants read nothing. */
export interface EnrollmentTraces {
  read(tenantId: string, ids: string[]): Promise<EnrollmentTrace[]>;
}

export interface EnrollmentsDeps extends EndDeps {
  automations: Automations;
  traces: EnrollmentTraces;
  /** Starts the segment of an enrollment retried by hand. */
  engine: Engine;
}

export const EnrollmentListQuery = z.object({
  status: z.enum(["active", "completed", "exited", "failed"]).optional(),
  step: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  next: z.string().min(1).optional(),
});

const summary = (e: Enrollment) => ({
  id: e.id,
  contactId: e.contactId,
  version: e.version,
  status: e.status,
  at: e.at,
  until: e.until,
  createdAt: e.createdAt,
  endedAt: e.endedAt,
});

/** The enrollment as a person reads it: the ledger summarized, the cursor's token kept inside. */
function detail(e: Enrollment) {
  const { fx, pendingToken: _t, tenantId: _w, ...rest } = e;
  const ledger: Record<LedgerState, number> = { claimed: 0, done: 0, deferred: 0 };
  const unconfirmed: string[] = [];
  for (const [visit, v] of Object.entries(fx ?? {})) {
    ledger[v.state]++;
    // Claimed and never marked done: the side effect may or may not have happened (reconciliation).
    if (v.state === "claimed") unconfirmed.push(visit.split("#")[0] as string);
  }
  return { ...rest, ledger, unconfirmed };
}

/**
 * `GET /automations/{id}/enrollments` (who is where), `GET /enrollments/{id}` (with its trace),
 * `DELETE /enrollments/{id}` (unenroll), `GET /automations/{id}/stats`.
 *
 * Stats are computed on read: they cost nothing while journeys run (no counters written per
 * step), and a read costs one index query page per 1,000 enrollments plus one BatchGetItem per
 * 100 (for their traces). Fine for dashboards; not for polling a huge automation every second.
 */
export function enrollmentRoutes(deps: EnrollmentsDeps): Route[] {
  const head = async (caller: Caller, id: string | undefined) => {
    const h = id ? await deps.automations.get(caller.tenantId, id) : undefined;
    if (!h) throw new NotFoundError(`automation ${id}`);
    return h;
  };
  return [
    route({
      route: "GET /automations/{id}/enrollments",
      fn: async ({ caller, params, query }) => {
        const h = await head(caller, params.id);
        const q = EnrollmentListQuery.parse(query);
        let page: Page<Enrollment>;
        try {
          // exactOptionalPropertyTypes: a query without a field must not carry it as undefined.
          const query = Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined));
          page = await deps.enrollments.list(caller.tenantId, h.id, query as EnrollmentQuery);
        } catch (e) {
          // A page token that is not one of ours (garbled, or from another listing).
          if (q.next && (e instanceof SyntaxError || (e as Error).name === "ValidationException"))
            throw new InvalidRequestError([{ path: "next", message: "not a page token of this listing" }]);
          throw e;
        }
        return { items: page.items.map(summary), ...(page.next ? { next: page.next } : {}) };
      },
    }),
    route({
      route: "GET /enrollments/{id}",
      fn: async ({ caller, params }) => {
        const e = params.id ? await deps.enrollments.get(caller.tenantId, params.id) : undefined;
        if (!e) throw new NotFoundError(`enrollment ${params.id}`);
        return detail(e);
      },
    }),
    route({
      route: "DELETE /enrollments/{id}",
      roles: ["admin", "manager"],
      fn: async ({ caller, params }) => {
        const id = String(params.id);
        const r = await endEnrollment(deps, caller.tenantId, id, `unenrolled by ${caller.userId}`);
        if (!r.enrollment) throw new NotFoundError(`enrollment ${id}`);
        if (!r.ended) throw new ConflictError(`enrollment ${id} has already ended (${r.enrollment.status})`);
        return { id, status: "exited" };
      },
    }),
    route({
      route: "POST /enrollments/{id}/retry",
      roles: ["admin", "manager"],
      fn: async ({ caller, params }) => {
        const id = String(params.id);
        const e = await deps.enrollments.get(caller.tenantId, id);
        if (!e) throw new NotFoundError(`enrollment ${id}`);
        const failed = e.trace.findLast((t) => t.what === "failed");
        if (e.status !== "failed" || !failed?.step)
          throw new ConflictError(`enrollment ${id} is ${e.status}: only a failed one can be retried`);
        const at = deps.clock.now().toISOString();
        const token = await deps.enrollments.reopen(caller.tenantId, id, failed.step, {
          at,
          step: failed.step,
          what: "waited",
          detail: `retried by ${caller.userId}: runs ${failed.step} again`,
        });
        if (!token) throw new ConflictError(`enrollment ${id} is no longer failed`);
        // The failed segment's token: a side effect it claimed is found claimed, not repeated.
        await deps.engine.start({
          tenantId: caller.tenantId,
          automationId: e.automationId,
          version: e.version,
          enrollmentId: id,
          contactId: e.contactId,
          resume: { stepId: failed.step, token },
        });
        return { id, status: "active", at: failed.step };
      },
    }),
    route({
      route: "GET /automations/{id}/stats",
      fn: async ({ caller, params }) => {
        const h = await head(caller, params.id);
        const version = h.activeVersion ?? h.latestVersion;
        const v = await deps.automations.version(caller.tenantId, h.id, version);
        const parsed = validateDefinition(v?.definition);
        const tally = new StatsTally(parsed.ok ? outlineOf(parsed.definition) : []);
        let next: string | undefined;
        do {
          const page = await deps.enrollments.list(caller.tenantId, h.id, {
            limit: 1000,
            ...(next ? { next } : {}),
          });
          const traces = await deps.traces.read(
            caller.tenantId,
            page.items.map((e) => e.id),
          );
          for (const t of traces) tally.add(t);
          next = page.next;
        } while (next);
        return { automationId: h.id, version, ...tally.result() };
      },
    }),
  ];
}
