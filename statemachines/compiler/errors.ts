import type { Problem } from "../definitions/problems.js";

/** A definition that cannot be compiled; `problems` say where and why. */
export class CompileError extends Error {
  override readonly name = "CompileError";
  constructor(readonly problems: Problem[]) {
    super(problems.map((p) => `${p.path || "(definition)"}: ${p.message}`).join("\n"));
  }
}
