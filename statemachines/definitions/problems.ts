import type { z } from "zod";

/** One thing wrong with a definition, at a dotted path (`steps.wait-2d.next`). */
export interface Problem {
  path: string;
  message: string;
}

export type Path = ReadonlyArray<PropertyKey>;

export function formatPath(path: Path): string {
  return path.map(String).join(".");
}

export function problem(path: Path, message: string): Problem {
  return { path: formatPath(path), message };
}

/** `steps.welcome.next: unknown step "wlcome"`; the root is shown as `(definition)`. */
export function formatProblem(p: Problem): string {
  return `${p.path || "(definition)"}: ${p.message}`;
}

/**
 * Turns zod's issues into problems; unknown keys get one problem each, at their own path. Parse
 * with `reportInput: true`: a missing value is told from a wrong one by the issue's `input`.
 */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[]): Problem[] {
  const out: Problem[] = [];
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) out.push(problem([...issue.path, key], "unknown field"));
    } else if (
      (issue.code === "invalid_type" || issue.code === "invalid_value") &&
      issue.input === undefined
    ) {
      out.push(problem(issue.path, "required"));
    } else if (
      issue.code === "invalid_value" &&
      issue.values.length > 0 &&
      issue.message.startsWith("Invalid")
    ) {
      // zod's own wording; a schema's custom message (e.g. "unknown operator") is kept as it is.
      out.push(
        problem(
          issue.path,
          `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")} (got ${JSON.stringify(issue.input)})`,
        ),
      );
    } else {
      out.push(problem(issue.path, issue.message));
    }
  }
  return out;
}

export function dedupe(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = formatProblem(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
