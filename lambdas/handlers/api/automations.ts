import { z } from "zod";
import { compileSource } from "../../../statemachines/compiler/index.js";
import type { Definition } from "../../../statemachines/definitions/index.js";
import { formatProblem } from "../../../statemachines/definitions/problems.js";
import { validateDefinition } from "../../../statemachines/definitions/validate.js";
import { toMermaid } from "../../../statemachines/graph/index.js";
import {
  ConflictError,
  ForbiddenError,
  InvalidRequestError,
  LimitReachedError,
  NotFoundError,
} from "../../core/errors.js";
import { PLANS, type PlanName } from "../../core/plans.js";
import type { AutomationHead, Automations, Quotas, Workspaces } from "../../ports.js";
import type { ActivationHooks } from "../activation.js";
import type { EndDeps } from "../enrollment-ops.js";
import { type Route, route } from "../http/app.js";
import type { Caller } from "../http/caller.js";
import { migrateEnrollments, resumableSteps } from "../migrate-enrollments.js";

/** Enrollments, timers and waiters serve activation's migration of enrollments in flight. */
export interface AutomationsDeps extends EndDeps {
  /** Date-trigger sweeps on activation, parked segments on resume (absent: nothing more happens). */
  hooks?: ActivationHooks;
  automations: Automations;
  workspaces: Workspaces;
  quotas: Quotas;
}

/** Workflows and journeys shape the whole workspace: admins and managers. Reps own sequences. */
function mayEdit(caller: Caller, kind: Definition["kind"]): void {
  if (kind !== "sequence" && caller.role === "rep")
    throw new ForbiddenError(`a rep may create sequences; a ${kind} needs an admin or a manager`);
}

function valid(input: unknown): { definition: Definition; warnings: string[] } {
  const v = validateDefinition(input);
  if (!v.ok)
    throw new InvalidRequestError(
      v.problems.map((p) => ({ path: p.path || "(definition)", message: p.message })),
    );
  return { definition: v.definition, warnings: v.warnings.map(formatProblem) };
}

/**
 * `migrate: "matching-steps"` moves enrollments waiting on other versions to the activated one
 * when it has the step they wait at; `orphans` says what happens to the others (default: stay).
 */
export const ActivateBody = z
  .strictObject({
    version: z.number().int().positive().optional(),
    migrate: z.enum(["none", "matching-steps"]).optional(),
    orphans: z.enum(["stay", "exit"]).optional(),
  })
  .refine((b) => b.orphans === undefined || b.migrate === "matching-steps", {
    path: ["orphans"],
    error: 'only with migrate "matching-steps"',
  });

/** `POST|GET /automations`, `PUT|GET /automations/{id}`, activate, pause, resume, asl, graph. */
export function automationRoutes(deps: AutomationsDeps): Route[] {
  const plan = async (tenantId: string): Promise<PlanName> =>
    (await deps.workspaces.get(tenantId))?.plan ?? "trial";
  const head = async (caller: Caller, id: string | undefined): Promise<AutomationHead> => {
    const h = id ? await deps.automations.get(caller.tenantId, id) : undefined;
    if (!h) throw new NotFoundError(`automation ${id}`);
    return h;
  };
  const definitionOf = async (caller: Caller, h: AutomationHead, version: number): Promise<Definition> => {
    const v = await deps.automations.version(caller.tenantId, h.id, version);
    if (!v) throw new NotFoundError(`version ${version} of ${h.id}`);
    return valid(v.definition).definition;
  };
  return [
    route({
      route: "POST /automations",
      status: 201,
      fn: async ({ caller, body }) => {
        const { definition, warnings } = valid(body);
        mayEdit(caller, definition.kind);
        if (definition.kind === "sequence") {
          const name = await plan(caller.tenantId);
          const max = PLANS[name].sequencesPerUser;
          const owned = (await deps.automations.list(caller.tenantId)).filter(
            (a) => a.kind === "sequence" && a.ownerId === caller.userId,
          ).length;
          if (owned >= max) throw new LimitReachedError("sequences per user", name, max, owned);
        }
        const now = deps.clock.now().toISOString();
        const h: AutomationHead = {
          id: definition.id,
          kind: definition.kind,
          name: definition.name,
          status: "draft",
          latestVersion: 1,
          ownerId: caller.userId,
          createdAt: now,
          updatedAt: now,
        };
        const created = await deps.automations.create(caller.tenantId, h, {
          version: 1,
          definition: body,
          createdAt: now,
          createdBy: caller.userId,
        });
        if (!created)
          throw new ConflictError(
            `an automation with id "${definition.id}" exists; PUT /automations/${definition.id} adds a version`,
          );
        return { automation: h, warnings };
      },
    }),
    route({
      route: "GET /automations",
      fn: async ({ caller }) => ({ items: await deps.automations.list(caller.tenantId) }),
    }),
    route({
      route: "GET /automations/{id}",
      fn: async ({ caller, params }) => {
        const h = await head(caller, params.id);
        const latest = await deps.automations.version(caller.tenantId, h.id, h.latestVersion);
        return { automation: h, definition: latest?.definition };
      },
    }),
    route({
      route: "PUT /automations/{id}",
      fn: async ({ caller, params, body }) => {
        const h = await head(caller, params.id);
        const { definition, warnings } = valid(body);
        mayEdit(caller, definition.kind);
        if (definition.id !== h.id)
          throw new InvalidRequestError([{ path: "id", message: `must be "${h.id}", as in the URL` }]);
        if (definition.kind !== h.kind)
          throw new InvalidRequestError([{ path: "kind", message: `a ${h.kind} stays a ${h.kind}` }]);
        const version = h.latestVersion + 1;
        const v = {
          version,
          definition: body,
          createdAt: deps.clock.now().toISOString(),
          createdBy: caller.userId,
        };
        if (!(await deps.automations.addVersion(caller.tenantId, h.id, h.latestVersion, v, definition.name)))
          throw new ConflictError("another version was saved meanwhile; reload and try again");
        return { automation: { ...h, latestVersion: version, name: definition.name }, warnings };
      },
    }),
    route({
      route: "POST /automations/{id}/activate",
      body: ActivateBody,
      fn: async ({ caller, params, body }) => {
        const h = await head(caller, params.id);
        mayEdit(caller, h.kind);
        const version = body.version ?? h.latestVersion;
        const compiled = compileSource(await definitionOf(caller, h, version));
        if (!compiled.ok)
          throw new InvalidRequestError(compiled.problems.map((p) => ({ path: p.path, message: p.message })));
        if (h.kind === "workflow" && h.status === "draft") {
          const name = await plan(caller.tenantId);
          const max = PLANS[name].workflowsPerWorkspace;
          // One conditional counter per workspace: two activations at once cannot both take the last slot.
          const slot = await deps.quotas.reserve(`T#${caller.tenantId}#workflows`, max);
          if (!slot.ok) throw new LimitReachedError("workflows per workspace", name, max, slot.used);
        }
        await deps.automations.setStatus(caller.tenantId, h.id, "active", version, deps.clock.now());
        // After activation, so enrollments that start meanwhile are already on `version`.
        const migration =
          body.migrate === "matching-steps"
            ? await migrateEnrollments(
                deps,
                caller.tenantId,
                h.id,
                { version, steps: resumableSteps(compiled.asl) },
                body.orphans ?? "stay",
              )
            : undefined;
        const dateTriggers = (await deps.hooks?.activated(caller.tenantId, h.id, version)) ?? 0;
        return {
          automation: { ...h, status: "active", activeVersion: version },
          ...(dateTriggers ? { dateTriggers } : {}),
          stateMachine: {
            states: Object.keys(compiled.asl.States).length,
            bytes: JSON.stringify(compiled.asl).length,
          },
          ...(migration ? { migration } : {}),
        };
      },
    }),
    ...(["pause", "resume"] as const).map((action) =>
      route({
        route: `POST /automations/{id}/${action}`,
        fn: async ({ caller, params }) => {
          const h = await head(caller, params.id);
          mayEdit(caller, h.kind);
          const from = action === "pause" ? "active" : "paused";
          if (h.status !== from) throw new ConflictError(`${h.id} is ${h.status}, not ${from}`);
          const status = action === "pause" ? "paused" : "active";
          await deps.automations.setStatus(caller.tenantId, h.id, status, undefined, deps.clock.now());
          const restarted =
            action === "resume"
              ? ((await deps.hooks?.resumed(caller.tenantId, h.id, h.activeVersion)) ?? 0)
              : 0;
          return { automation: { ...h, status }, ...(action === "resume" ? { restarted } : {}) };
        },
      }),
    ),
    route({
      route: "GET /automations/{id}/asl",
      fn: async ({ caller, params }) => {
        const h = await head(caller, params.id);
        const compiled = compileSource(await definitionOf(caller, h, h.activeVersion ?? h.latestVersion));
        if (!compiled.ok)
          throw new InvalidRequestError(compiled.problems.map((p) => ({ path: p.path, message: p.message })));
        return compiled.asl;
      },
    }),
    route({
      route: "GET /automations/{id}/graph",
      fn: async ({ caller, params }) => {
        const h = await head(caller, params.id);
        return { mermaid: toMermaid(await definitionOf(caller, h, h.activeVersion ?? h.latestVersion)) };
      },
    }),
  ];
}
