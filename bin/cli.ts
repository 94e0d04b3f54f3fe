import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { Role } from "../lambdas/handlers/http/caller.js";
import { DevTokens } from "../local/auth.js";
import { devKey } from "../local/runtime.js";
import { compileSource } from "../statemachines/compiler/index.js";
import { formatProblem, type Problem } from "../statemachines/definitions/problems.js";
import { validateDefinition } from "../statemachines/definitions/validate.js";
import { toMermaid } from "../statemachines/graph/index.js";

const USAGE = `autopilot — CRM automation engine

  autopilot validate <file...>   check definitions; every problem as <file>: <path>: <message>
  autopilot compile <file>       print the Step Functions state machine (ASL JSON)
  autopilot graph <file>         print a Mermaid flowchart of the definition
  autopilot token --tenant T --user U --role admin|manager|rep [--data DIR]
                                 a development token for the local runtime (npm start)
`;

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const stdio: Io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

/** Reads and parses a definition file; a problem at the root when it is not JSON. */
async function load(file: string): Promise<{ value: unknown } | { problem: Problem }> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    return {
      problem: {
        path: "",
        message: `cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`,
      },
    };
  }
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    return { problem: { path: "", message: `not JSON: ${(e as Error).message}` } };
  }
}

function report(io: Io, file: string, problems: Problem[], warnings: Problem[]): void {
  for (const p of problems) io.err(`${file}: ${formatProblem(p)}\n`);
  for (const w of warnings) io.err(`${file}: warning: ${formatProblem(w)}\n`);
}

async function validate(files: string[], io: Io): Promise<number> {
  let failed = 0;
  for (const file of files) {
    const loaded = await load(file);
    if ("problem" in loaded) {
      report(io, file, [loaded.problem], []);
      failed++;
      continue;
    }
    const r = compileSource(loaded.value);
    report(io, file, r.ok ? [] : r.problems, r.warnings);
    if (r.ok) io.out(`${file}: ok (${r.definition.kind} ${r.definition.id})\n`);
    else failed++;
  }
  return failed === 0 ? 0 : 1;
}

/**
 * Loads a file, runs a check that gives problems and warnings, prints them, and on success hands
 * the checked value to `print`. Exit 1 on any problem.
 */
async function checked<T extends { ok: boolean; warnings: Problem[] }>(
  file: string,
  io: Io,
  check: (value: unknown) => T,
  print: (result: Extract<T, { ok: true }>) => string,
): Promise<number> {
  const loaded = await load(file);
  if ("problem" in loaded) {
    report(io, file, [loaded.problem], []);
    return 1;
  }
  const r = check(loaded.value);
  report(io, file, "problems" in r ? (r.problems as Problem[]) : [], r.warnings);
  if (!r.ok) return 1;
  io.out(`${print(r as Extract<T, { ok: true }>)}\n`);
  return 0;
}

const compileOne = (file: string, io: Io) =>
  checked(file, io, compileSource, (r) => JSON.stringify(r.asl, null, 2));
const graph = (file: string, io: Io) => checked(file, io, validateDefinition, (v) => toMermaid(v.definition));

async function token(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      tenant: { type: "string" },
      user: { type: "string" },
      role: { type: "string", default: "admin" },
      data: { type: "string", default: ".autopilot/data" },
    },
  });
  const role = Role.safeParse(values.role);
  if (!values.tenant || !values.user || !role.success) {
    io.err("autopilot token: give --tenant, --user and --role admin|manager|rep\n");
    return 2;
  }
  const signed = await new DevTokens(devKey(values.data)).sign({
    tenant: values.tenant,
    user: values.user,
    role: role.data,
  });
  io.out(`${signed}\n`);
  return 0;
}

/** Runs one CLI command; returns the exit code. */
export async function main(args: string[], io: Io = stdio): Promise<number> {
  const [command, ...rest] = args;
  const one = (fn: (file: string, io: Io) => Promise<number>) => {
    if (rest.length !== 1 || rest[0] === undefined) {
      io.err(`autopilot ${command}: give exactly one file\n`);
      return Promise.resolve(2);
    }
    return fn(rest[0], io);
  };
  switch (command) {
    case "validate":
      if (rest.length === 0) {
        io.err("autopilot validate: give at least one file\n");
        return 2;
      }
      return validate(rest, io);
    case "compile":
      return one(compileOne);
    case "graph":
      return one(graph);
    case "token":
      return token(rest, io);
    case undefined:
    case "help":
    case "--help":
    case "-h":
      io.out(USAGE);
      return command === undefined ? 2 : 0;
    default:
      io.err(`autopilot: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}
