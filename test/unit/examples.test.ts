import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import validator from "asl-validator";
import { describe, expect, it } from "vitest";
import { compileSource } from "../../statemachines/compiler/index.js";
import { substituteResources } from "../../statemachines/compiler/substitute.js";
import { RESOURCES } from "../../statemachines/contract.js";
import { validateDefinition } from "../../statemachines/definitions/validate.js";

const dir = join(import.meta.dirname, "../../examples");
const files = readdirSync(dir).filter((f) => f.endsWith(".json"));
const shared = join(import.meta.dirname, "../../../shared/examples");

describe("examples", () => {
  it("has every example of the spec, unchanged", () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
    let sharedFiles: string[] = [];
    try {
      sharedFiles = readdirSync(shared).filter((f) => f.endsWith(".json"));
    } catch {
      // shared/ sits beside the checkout in CI and on developer machines; elsewhere, skip the sync check.
    }
    for (const f of sharedFiles)
      expect(readFileSync(join(dir, f), "utf8"), f).toBe(readFileSync(join(shared, f), "utf8"));
  });

  it.each(files)("%s validates with no problems and no warnings", (file) => {
    const v = validateDefinition(JSON.parse(readFileSync(join(dir, file), "utf8")));
    expect(v.ok ? [] : v.problems).toEqual([]);
    expect(v.warnings).toEqual([]);
  });

  it.each(files)("%s compiles to ASL that asl-validator accepts (paths and ARNs checked)", (file) => {
    const r = compileSource(JSON.parse(readFileSync(join(dir, file), "utf8")));
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const withArns = substituteResources(
      r.asl,
      (kind) => `arn:aws:lambda:us-east-1:123456789012:function:ap-${RESOURCES[kind]}`,
    );
    const result = validator(structuredClone(withArns), { checkPaths: true, checkArn: true });
    expect(result.errors).toEqual([]);
    expect(result.isValid).toBe(true);
  });
});
