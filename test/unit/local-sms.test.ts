import { describe, expect, it } from "vitest";
import { encodeMessageTags } from "../../lambdas/core/mail-tags.js";
import type { Request } from "../../lambdas/handlers/http/app.js";
import { LocalSms, localSmsRoutes } from "../../local/sms.js";

const clock = { now: () => new Date("2027-03-01T10:00:00Z") };
const tags = (tenantId: string) =>
  encodeMessageTags({ tenantId, automationId: "a", enrollmentId: "enr_1", stepId: "text", token: "t" });

describe("the local SMS sink", () => {
  it("keeps every message with an id and the time it was sent", async () => {
    const sms = new LocalSms(clock);
    expect(await sms.send({ to: "+15550100", body: "one" })).toEqual({ messageId: "sms_1" });
    await sms.send({ to: "+15550101", body: "two" });
    expect(sms.messages()).toEqual([
      { to: "+15550100", body: "one", messageId: "sms_1", at: "2027-03-01T10:00:00.000Z" },
      { to: "+15550101", body: "two", messageId: "sms_2", at: "2027-03-01T10:00:00.000Z" },
    ]);
  });

  it("lists on GET /_local/sms only the messages of the caller's workspace", async () => {
    const sms = new LocalSms(clock);
    await sms.send({ to: "+15550100", body: "ours", tags: tags("acme") });
    await sms.send({ to: "+15550101", body: "theirs", tags: tags("globex") });
    const [list] = localSmsRoutes(sms);
    expect(list?.route).toBe("GET /_local/sms");
    const request = {
      caller: { tenantId: "acme", userId: "usr_1", role: "admin" },
      params: {},
      query: {},
      headers: {},
    };
    const out = (await list?.fn(request as Request<unknown> as never)) as { messages: { body: string }[] };
    expect(out.messages.map((m) => m.body)).toEqual(["ours"]);
  });
});
