import { z } from "zod";
import { NotFoundError } from "../../core/errors.js";
import type { Clock, Records, StoredRecord } from "../../ports.js";
import { type Route, route } from "../http/app.js";

export const TaskQuery = z.object({
  assignee: z.string().optional(),
  status: z.enum(["open", "completed"]).optional(),
});

/** `GET /tasks?assignee=me&status=open`, `POST /tasks/{id}/complete` (which emits task.completed). */
export function taskRoutes(deps: { records: Records; clock: Clock }): Route[] {
  return [
    route({
      route: "GET /tasks",
      fn: async ({ caller, query }) => {
        const q = TaskQuery.parse(query);
        const assignee = q.assignee === "me" ? caller.userId : q.assignee;
        const items: StoredRecord[] = [];
        let next: string | undefined;
        do {
          const page = await deps.records.list(caller.tenantId, "activity", {
            limit: 200,
            ...(next ? { next } : {}),
          });
          items.push(...page.items);
          next = page.next;
        } while (next);
        return {
          items: items.filter(
            (a) =>
              a.kind === "task" &&
              (assignee === undefined || a.assigneeId === assignee) &&
              (q.status === undefined || a.status === q.status),
          ),
        };
      },
    }),
    route({
      route: "POST /tasks/{id}/complete",
      fn: async ({ caller, params }) => {
        const id = String(params.id);
        const task = await deps.records.get(caller.tenantId, "activity", id);
        if (task?.kind !== "task") throw new NotFoundError(`task ${id}`);
        if (task.status === "completed") return task;
        return deps.records.update(
          caller.tenantId,
          "activity",
          id,
          { status: "completed", completedAt: deps.clock.now().toISOString(), completedBy: caller.userId },
          deps.clock.now(),
        );
      },
    }),
  ];
}
