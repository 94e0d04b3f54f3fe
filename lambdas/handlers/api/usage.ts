import { PLANS } from "../../core/plans.js";
import { toLocal } from "../../core/time.js";
import type { Automations, Clock, Quotas, Users, Workspaces } from "../../ports.js";
import { type Route, route } from "../http/app.js";

/** `GET /usage`: every limit of the workspace's plan beside its current use. */
export function usageRoutes(deps: {
  workspaces: Workspaces;
  automations: Automations;
  quotas: Quotas;
  users: Users;
  clock: Clock;
}): Route[] {
  return [
    route({
      route: "GET /usage",
      fn: async ({ caller }) => {
        const workspace = await deps.workspaces.get(caller.tenantId);
        const planName = workspace?.plan ?? "trial";
        const plan = PLANS[planName];
        const all = await deps.automations.list(caller.tenantId);
        const user = await deps.users.get(caller.tenantId, caller.userId);
        const day = toLocal(deps.clock.now(), user?.timezone ?? workspace?.timezone ?? "UTC");
        const today = `${day.year}-${day.month}-${day.day}`;
        const t = caller.tenantId;
        return {
          plan: planName,
          limits: [
            {
              limit: "workflows per workspace",
              max: plan.workflowsPerWorkspace,
              used: await deps.quotas.used(`T#${t}#workflows`),
            },
            {
              limit: "sequences per user",
              max: plan.sequencesPerUser,
              used: all.filter((a) => a.kind === "sequence" && a.ownerId === caller.userId).length,
            },
            {
              limit: "workflow emails per user per day",
              max: plan.workflowEmailsPerUserPerDay,
              used: await deps.quotas.used(`T#${t}#mail#wf#${caller.userId}#${today}`),
            },
            { limit: "sequence emails per user per day", max: plan.sequenceEmailsPerUserPerDay, used: 0 },
            {
              limit: "journey emails per month",
              max: `${plan.journeyEmailsPerActiveContactPerMonth} × active contacts`,
              used: 0,
            },
            ...(plan.trialEmails === null
              ? []
              : [
                  {
                    limit: "emails in the trial",
                    max: plan.trialEmails,
                    used: await deps.quotas.used(`T#${t}#mail#trial`),
                  },
                ]),
          ],
        };
      },
    }),
  ];
}
