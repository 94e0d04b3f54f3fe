import type { Journey } from "../../statemachines/definitions/index.js";

/**
 * A journey of `size` steps in a realistic mix (per 10 steps: 3 emails, 2 waits, 1 branch,
 * 1 split, 1 score, 1 createTask, 1 webhook), with ids like a person would write (`step-0042`).
 */
export function bigJourney(size: number): Journey {
  const id = (i: number) => `step-${String(i).padStart(4, "0")}`;
  const steps: Journey["steps"] = {};
  for (let i = 0; i < size; i++) {
    const next = i + 1 < size ? id(i + 1) : undefined;
    const skip = i + 2 < size ? id(i + 2) : next;
    const tail = next === undefined ? {} : { next };
    switch (i % 10) {
      case 0:
      case 3:
      case 7:
        steps[id(i)] = {
          type: "email",
          subject: `Hello {{contact.firstName}} ${i}`,
          html: "<p>...</p>",
          ...tail,
        };
        break;
      case 1:
      case 6:
        steps[id(i)] = next === undefined ? { type: "exit" } : { type: "wait", duration: "P1D", next };
        break;
      case 2:
        steps[id(i)] =
          next === undefined || skip === undefined
            ? { type: "exit" }
            : {
                type: "branch",
                if: { field: "contact.score", op: "gte", value: 50 },
                then: next,
                else: skip,
              };
        break;
      case 4:
        steps[id(i)] =
          next === undefined || skip === undefined
            ? { type: "exit" }
            : {
                type: "split",
                paths: [
                  { name: "a", weight: 50, next },
                  { name: "b", weight: 50, next: skip },
                ],
              };
        break;
      case 5:
        steps[id(i)] = { type: "score", add: 5, ...tail };
        break;
      case 8:
        steps[id(i)] = {
          type: "createTask",
          taskType: "call",
          title: "Call {{contact.firstName}}",
          due: "P1D",
          ...tail,
        };
        break;
      default:
        steps[id(i)] = { type: "webhook", url: "https://hooks.example.com/x", ...tail };
    }
  }
  return {
    kind: "journey",
    id: "big-journey",
    name: `A ${size}-step journey`,
    triggers: [{ event: "record.created", recordType: "contact" }],
    start: id(0),
    steps,
  };
}
