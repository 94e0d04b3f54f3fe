import { describe, expect, it } from "vitest";
import { createStepHandlers } from "../../../lambdas/handlers/steps/index.js";
import { failureOf, StepFailure } from "../../../lambdas/handlers/steps/recover.js";
import type { Quotas, TimerPayload } from "../../../lambdas/ports.js";
import { LocalEngine } from "../../../local/engine/local-engine.js";
import { compile } from "../../../statemachines/compiler/index.js";
import type { Definition } from "../../../statemachines/definitions/index.js";
import { RecordingTimers } from "../../support/recording-timers.js";
import { useStepEmulators } from "../../support/step-harness.js";

const emulators = useStepEmulators();

const journey = {
  kind: "journey",
  id: "hello",
  name: "Hello",
  triggers: [{ event: "record.created", recordType: "contact" }],
  start: "hello",
  steps: {
    hello: { type: "email", subject: "Hello", html: "<p>hi</p>", next: "end" },
    end: { type: "exit" },
  },
};

/**
 * A journey whose quota store fails `failing.n` more times: the compiled machine runs in
 * aws-local-stepfunctions with the real handlers on dynalite and aws-ses-v2-local.
 */
async function setUp() {
  const h = await emulators.harness({ workspace: { plan: "growth" } });
  const failing = { n: 0 };
  const quotas = h.deps.quotas;
  const flaky: Quotas = {
    reserve: async (key, cap, amount) => {
      if (failing.n > 0) {
        failing.n--;
        throw new Error("the quota table is unavailable");
      }
      return quotas.reserve(key, cap, amount);
    },
    release: (key, amount) => quotas.release(key, amount),
    used: (key) => quotas.used(key),
  };
  const timers = new RecordingTimers();
  /** Errors the mailer throws before it sends, one per call. */
  const mailErrors: Error[] = [];
  const mailer = h.deps.mailer;
  const deps = {
    ...h.deps,
    quotas: flaky,
    timers,
    mailer: {
      send: async (mail: Parameters<typeof mailer.send>[0]) => {
        const error = mailErrors.shift();
        if (error) throw error;
        return mailer.send(mail);
      },
    },
  };
  const automationId = await h.automation(journey);
  const asl = compile({ ...journey, id: automationId } as unknown as Definition);
  const engine = new LocalEngine(async () => asl, createStepHandlers(deps));
  deps.engine = engine;
  const e = await h.enroll(automationId, { email: "ada@acme.test", firstName: "Ada" });
  await deps.enrollments.expect(h.tenantId, e.enrollmentId, { token: "tok-1", step: "" });
  const input = {
    tenantId: h.tenantId,
    automationId,
    version: 1,
    enrollmentId: e.enrollmentId,
    contactId: e.contactId,
    resume: { stepId: "_Start", token: "tok-1" },
  };
  /** Runs a segment to its end, then the timer it set (if any) is the next one. */
  const run = async (segment: typeof input) => {
    await engine.start(segment);
    await engine.drain();
    expect(engine.failures).toEqual([]);
  };
  const lastTimer = () => [...timers.scheduled.values()].at(-1) as { at: Date; payload: TimerPayload };
  return {
    h,
    deps,
    failing,
    mailErrors,
    timers,
    input,
    run,
    lastTimer,
    enrollment: () => h.enrollment(e.enrollmentId),
  };
}

describe("a step that keeps failing past its retries", () => {
  it("names its step in the failure, locally and as Lambda reports it", () => {
    const tagged = new StepFailure("hello", new TypeError("boom"));
    expect(tagged.name).toBe("TypeError");
    expect(failureOf({ Error: tagged.name, Cause: tagged.message })).toEqual({
      step: "hello",
      message: "TypeError: boom",
    });
    const lambda = JSON.stringify({ errorType: "TypeError", errorMessage: tagged.message, trace: [] });
    expect(failureOf({ Error: "TypeError", Cause: lambda })).toEqual({
      step: "hello",
      message: "TypeError: boom",
    });
    expect(failureOf({ Error: "States.Timeout", Cause: "" })).toEqual({ message: "States.Timeout: " });
  });

  it("is tried again 5 minutes later with the same token, and then runs", async () => {
    const s = await setUp();
    s.failing.n = 4; // the first attempt and its three retries
    await s.run(s.input);
    let e = await s.enrollment();
    expect(e.status).toBe("active");
    expect(e.pendingToken).toBe("tok-1");
    expect(e.trace.at(-1)).toMatchObject({
      what: "failed",
      step: "hello",
      detail: "Error: the quota table is unavailable; trying again at 2027-03-01T10:05:00.000Z",
    });
    const timer = s.lastTimer();
    expect(timer.at.toISOString()).toBe("2027-03-01T10:05:00.000Z");
    expect(timer.payload).toMatchObject({
      kind: "resume",
      input: { resume: { stepId: "hello", token: "tok-1" } },
    });
    expect(s.h.sesRequests).toHaveLength(0);

    await s.h.clock.advance("PT5M");
    await s.run((timer.payload as Extract<TimerPayload, { kind: "resume" }>).input);
    e = await s.enrollment();
    expect(e.status).toBe("exited");
    expect(e.trace.filter((t) => t.step === "hello").map((t) => t.what)).toEqual(["failed", "ran"]);
    expect(s.h.sesRequests).toHaveLength(1);
  });

  it("ends the enrollment as failed after its last try, saying why", async () => {
    const s = await setUp();
    s.failing.n = Number.POSITIVE_INFINITY;
    let segment = s.input;
    for (let i = 0; i < 5; i++) {
      await s.run(segment);
      if (i < 4) {
        const timer = s.lastTimer();
        await s.h.clock.to(timer.at);
        segment = (timer.payload as Extract<TimerPayload, { kind: "resume" }>).input;
      }
    }
    const e = await s.enrollment();
    expect(e.status).toBe("failed");
    expect(e.trace.filter((t) => t.what === "failed").map((t) => t.at)).toEqual([
      "2027-03-01T10:00:00.000Z",
      "2027-03-01T10:05:00.000Z",
      "2027-03-01T10:35:00.000Z",
      "2027-03-01T12:35:00.000Z",
      "2027-03-02T00:35:00.000Z",
    ]);
    expect(e.trace.at(-1)?.detail).toBe("Error: the quota table is unavailable; gave up after 5 failures");
    expect(s.timers.scheduled.size).toBe(4);

    // Fixed: retried by hand (what POST /enrollments/{id}/retry does), it runs the step and goes on.
    s.failing.n = 0;
    const token = await s.h.deps.enrollments.reopen(s.h.tenantId, e.id, "hello", {
      at: s.h.clock.now().toISOString(),
      step: "hello",
      what: "waited",
      detail: "retried",
    });
    expect(token).toBe("tok-1");
    await s.run({ ...s.input, resume: { stepId: "hello", token: token as string } });
    expect((await s.enrollment()).status).toBe("exited");
    expect(s.h.sesRequests).toHaveLength(1);
  });
});

describe("a send that fails", () => {
  /** What the AWS SDK throws when the service answered with an error. */
  const answered = (status: number) =>
    Object.assign(new Error("Maximum sending rate exceeded."), {
      name: "TooManyRequestsException",
      $metadata: { httpStatusCode: status },
    });

  it("is sent by the retry when SES refused it: the claim and the room were given back", async () => {
    const s = await setUp();
    s.mailErrors.push(answered(429), answered(429));
    await s.run(s.input);
    const e = await s.enrollment();
    expect(e.trace.filter((t) => t.step === "hello").map((t) => t.what)).toEqual(["ran"]);
    expect(s.h.sesRequests).toHaveLength(1);
    expect(Object.values(e.fx ?? {}).map((v) => v.state)).toEqual(["done"]);
    const quota = await s.h.deps.quotas.used(`T#${s.h.tenantId}#mail#journey#2027-03`);
    expect(quota).toBe(1);
  });

  it("is not sent again when it got no answer: it may have gone, so the retry flags it", async () => {
    const s = await setUp();
    s.mailErrors.push(new Error("socket hang up"));
    await s.run(s.input);
    const e = await s.enrollment();
    expect(s.h.sesRequests).toHaveLength(0);
    expect(e.trace.find((t) => t.step === "hello")).toMatchObject({
      what: "skipped",
      detail: expect.stringMatching(/flagged for reconciliation/),
    });
    expect(Object.values(e.fx ?? {}).map((v) => v.state)).toEqual(["claimed"]);
  });
});
