import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import validator from "asl-validator";
import { describe, expect, it } from "vitest";
import { type Io, main } from "../../bin/cli.js";
import { EXAMPLES_DIR, readExample } from "../support/load-example.js";

const examples = readdirSync(EXAMPLES_DIR)
  .filter((f) => f.endsWith(".json"))
  .map((f) => join(EXAMPLES_DIR, f));

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: Io = {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
  };
  const code = await main(args, io);
  return { code, out, err };
}

function tempFile(name: string, content: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), "autopilot-cli-")), name);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

const example = readExample;

describe("autopilot validate", () => {
  it("exits 0 for all the examples", async () => {
    const r = await cli("validate", ...examples);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out.split("\n").filter(Boolean)).toHaveLength(examples.length);
  });

  it("exits 1 and prints every problem as <file>: <path>: <message>", async () => {
    const wf = example("workflow-big-deal-proposal.json");
    wf.actions.push({ type: "updateRecord", set: { x: 1 } });
    const journey = example("journey-webinar-nurture.json");
    journey.steps["wait-2d"].next = "opend";
    const a = tempFile("five-actions.json", wf);
    const b = tempFile("bad-next.json", journey);
    const r = await cli("validate", a, b, examples[0] as string);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${a}: actions: a workflow has at most 4 actions (got 5)\n`);
    expect(r.err).toContain(`${b}: steps.wait-2d.next: unknown step "opend"\n`);
  });

  it("reports a file that is not JSON, or missing, at the root", async () => {
    const bad = tempFile("bad.json", "{ nope");
    const r = await cli("validate", bad, "/nonexistent/x.json");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`^${bad}: \\(definition\\): not JSON: `, "m"));
    expect(r.err).toContain("/nonexistent/x.json: (definition): cannot read the file (ENOENT)");
  });

  it("prints warnings but exits 0 for a sequence above 15 steps", async () => {
    const seq = example("sequence-quote-follow-up.json");
    seq.steps = Array.from({ length: 16 }, (_, i) => ({
      id: `s${i}`,
      type: "sms",
      delay: "P1D",
      text: "Hi",
    }));
    const r = await cli("validate", tempFile("long.json", seq));
    expect(r.code).toBe(0);
    expect(r.err).toContain("warning: steps: 16 steps; sequences work best with at most 15");
  });
});

describe("autopilot compile", () => {
  it("prints ASL that asl-validator accepts", async () => {
    const r = await cli("compile", join(EXAMPLES_DIR, "journey-webinar-nurture.json"));
    expect(r.code).toBe(0);
    const asl = JSON.parse(
      r.out.replaceAll(/\$\{(\w+)\}/g, "arn:aws:lambda:us-east-1:123456789012:function:$1"),
    );
    expect(validator(asl, { checkPaths: true, checkArn: true }).isValid).toBe(true);
  });

  it("exits 1 with the problems for an invalid definition, printing no ASL", async () => {
    const r = await cli("compile", tempFile("x.json", { kind: "journey" }));
    expect(r.code).toBe(1);
    expect(r.out).toBe("");
    expect(r.err).toContain(": name: required");
  });
});

describe("autopilot graph", () => {
  it("prints a Mermaid flowchart with branch labels, wait durations and split weights", async () => {
    const r = await cli("graph", join(EXAMPLES_DIR, "journey-webinar-nurture.json"));
    expect(r.code).toBe(0);
    expect(r.out.startsWith("flowchart TD\n")).toBe(true);
    for (const fragment of ['"wait P2D"', '-->|"yes"|', '-->|"case-study 45%"|', '-->|"timeout P3D"|'])
      expect(r.out).toContain(fragment);
  });

  it("exits 1 with the problems for an invalid definition", async () => {
    const journey = example("journey-webinar-nurture.json");
    journey.steps.resend.next = "nowhere";
    const file = tempFile("bad.json", journey);
    const r = await cli("graph", file);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`${file}: steps.resend.next: unknown step "nowhere"\n`);
  });
});

describe("autopilot (usage)", () => {
  it("refuses an unknown command with exit 2 and the usage", async () => {
    const r = await cli("compiel", "x");
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown command "compiel"');
    expect(r.err).toContain("autopilot validate <file...>");
  });

  it("runs as `npx autopilot` from the package's bin", async () => {
    const run = promisify(execFile);
    const { stdout } = await run(process.execPath, [
      join(import.meta.dirname, "../../bin/autopilot.mjs"),
      "validate",
      ...examples,
    ]);
    expect(stdout).toContain("journey-webinar-nurture.json: ok (journey webinar-nurture)");
  });
});
