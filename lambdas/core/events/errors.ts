import type { PatternProblem } from "./types.js";

/** A pattern EventBridge would refuse (`InvalidEventPatternException`); `problems` say where and why. */
export class InvalidEventPatternError extends Error {
  override readonly name = "InvalidEventPatternError";
  constructor(readonly problems: readonly PatternProblem[]) {
    super(problems.map((p) => `${p.path || "(pattern)"}: ${p.message}`).join("\n"));
  }
}
