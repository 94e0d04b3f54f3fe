/**
 * npm run bench:compile — a generated 1,000-step journey: compile time (without asl-validator),
 * validation time, ASL bytes per step, and how many steps fit in Step Functions' 1 MB.
 */
import validator from "asl-validator";
import { CompileError, compile } from "../statemachines/compiler/index.js";
import { substituteResources } from "../statemachines/compiler/substitute.js";
import { MAX_DEFINITION_BYTES } from "../statemachines/contract.js";
import { validateDefinition } from "../statemachines/definitions/validate.js";
import { bigJourney } from "../test/support/big-journey.js";

const STEPS = 1_000;
const TARGETS = { compileMs: 100, bytesPerStep: 600, stepsIn1MB: 1_500 };

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function time(runs: number, fn: () => void): number {
  fn(); // warm up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  return median(samples);
}

function fits(steps: number): boolean {
  try {
    compile(bigJourney(steps));
    return true;
  } catch (e) {
    if (e instanceof CompileError) return false;
    throw e;
  }
}

const journey = bigJourney(STEPS);
const check = validateDefinition(journey);
if (!check.ok)
  throw new Error(`the generated journey is invalid: ${JSON.stringify(check.problems.slice(0, 3))}`);

const compileMs = time(20, () => compile(journey));
const validateMs = time(20, () => validateDefinition(journey));
const asl = compile(journey);
const bytes = new TextEncoder().encode(JSON.stringify(asl)).length;
const withArns = substituteResources(asl, (k) => `arn:aws:lambda:us-east-1:123456789012:function:${k}`);
const aslValidatorMs = time(3, () =>
  validator(structuredClone(withArns), { checkPaths: true, checkArn: true }),
);

let lo = STEPS;
let hi = 10_000;
while (hi - lo > 10) {
  const mid = Math.floor((lo + hi) / 2);
  if (fits(mid)) lo = mid;
  else hi = mid;
}

const rows: [string, string, string, boolean | undefined][] = [
  [
    "compile (1,000 steps, median of 20)",
    `${compileMs.toFixed(1)} ms`,
    `≤ ${TARGETS.compileMs} ms`,
    compileMs <= TARGETS.compileMs,
  ],
  ["validate (schema + semantic checks)", `${validateMs.toFixed(1)} ms`, "(reported)", undefined],
  ["asl-validator (for reference)", `${aslValidatorMs.toFixed(0)} ms`, "(reported)", undefined],
  [
    "ASL bytes per step",
    (bytes / STEPS).toFixed(0),
    `≤ ${TARGETS.bytesPerStep}`,
    bytes / STEPS <= TARGETS.bytesPerStep,
  ],
  [
    "ASL size for 1,000 steps",
    `${bytes.toLocaleString("en-US")} B`,
    `≤ ${MAX_DEFINITION_BYTES.toLocaleString("en-US")} B`,
    bytes <= MAX_DEFINITION_BYTES,
  ],
  [
    "most steps that fit in 1 MB",
    `~${lo.toLocaleString("en-US")}`,
    `≥ ${TARGETS.stepsIn1MB.toLocaleString("en-US")}`,
    lo >= TARGETS.stepsIn1MB,
  ],
];
console.log(
  `bench:compile — node ${process.version}, ${STEPS} steps (3 email, 2 wait, 1 branch, 1 split, 1 score, 1 task, 1 webhook per 10)\n`,
);
for (const [name, value, target, ok] of rows) {
  const verdict = ok === undefined ? "" : ok ? "PASS" : "MISS";
  console.log(`${name.padEnd(38)} ${value.padStart(14)}   target ${target.padEnd(16)} ${verdict}`);
}
if (rows.some(([, , , ok]) => ok === false)) process.exitCode = 1;
