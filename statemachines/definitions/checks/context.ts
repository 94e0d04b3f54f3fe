import { type Path, type Problem, problem } from "../problems.js";

/** What the content checks need to know about the definition around them. */
export class CheckContext {
  readonly problems: Problem[] = [];
  readonly warnings: Problem[] = [];

  constructor(
    /** Step ids of message steps: what `engagement.<stepId>` may name. */
    readonly messageSteps: ReadonlySet<string>,
  ) {}

  error(path: Path, message: string): void {
    this.problems.push(problem(path, message));
  }

  warn(path: Path, message: string): void {
    this.warnings.push(problem(path, message));
  }
}
