import { OUTCOME, type StepResult } from "../../../statemachines/contract.js";
import { render } from "../../core/templates.js";
import { addDuration } from "../../core/time.js";
import { assigneeOf } from "./assignee.js";
import { once, type StepContext, stepOf } from "./context.js";

/** Creates an activity (a task) for a user; the activity is a record, so it is itself an event. */
export async function runCreateTask(ctx: StepContext): Promise<StepResult> {
  const step = stepOf(ctx);
  const { deps } = ctx;
  await once(
    ctx,
    async () => {
      const assigneeId = await assigneeOf(ctx, step.assignee ?? "owner");
      const now = deps.clock.now();
      const id = deps.ids.next("act");
      await deps.records.create(
        ctx.tenantId,
        "activity",
        id,
        {
          kind: "task",
          taskType: step.taskType ?? "todo",
          title: render(String(step.title ?? ""), ctx.facts),
          ...(step.notes ? { notes: render(String(step.notes), ctx.facts) } : {}),
          ...(step.due ? { dueAt: addDuration(now, String(step.due), "UTC").toISOString() } : {}),
          ...(assigneeId ? { assigneeId } : {}),
          status: "open",
          ...(ctx.enrollment.record ? { relatedTo: ctx.enrollment.record } : {}),
          ...(ctx.enrollment.contactId ? { contactId: ctx.enrollment.contactId } : {}),
          automationId: ctx.enrollment.automationId,
        },
        now,
        ctx.origin,
      );
      return { taskId: id, ...(assigneeId ? { assigneeId } : {}) };
    },
    (r) => ({ what: "ran", detail: `task ${r.taskId} for ${r.assigneeId ?? "nobody"}` }),
  );
  return ctx.result(OUTCOME.done);
}
