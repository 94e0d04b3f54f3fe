import { describe, expect, it } from "vitest";
import { evaluate } from "../../../lambdas/core/conditions.js";
import { render } from "../../../lambdas/core/templates.js";

const facts = {
  record: { stage: "proposal", amount: 12000, name: "Acme", tags: ["vip", "expo"], closeDate: "2027-03-01" },
  previous: { stage: "qualified", amount: 12000 },
  contact: { firstName: "Ada", country: "US", email: "ada@example.com", score: 55 },
  lists: ["newsletter"],
  engagement: { welcome: { opened: true } },
};

describe("evaluate", () => {
  it.each([
    [{ field: "record.stage", op: "eq", value: "proposal" }, true],
    [{ field: "record.amount", op: "gte", value: 10000 }, true],
    [{ field: "record.amount", op: "lt", value: "10000" }, false],
    [{ field: "record.closeDate", op: "gt", value: "2027-02-01" }, true],
    [{ field: "contact.country", op: "in", value: ["US", "CA"] }, true],
    [{ field: "contact.country", op: "notIn", value: ["US", "CA"] }, false],
    [{ field: "record.tags", op: "contains", value: "VIP" }, true],
    [{ field: "contact.email", op: "endsWith", value: "@EXAMPLE.com" }, true],
    [{ field: "contact.phone", op: "exists" }, false],
    [{ field: "contact.phone", op: "notExists" }, true],
    [{ field: "contact.phone", op: "gt", value: 1 }, false],
    [{ field: "lists", op: "contains", value: "newsletter" }, true],
    [{ field: "engagement.welcome.opened", op: "eq", value: true }, true],
    [{ field: "engagement.resend.opened", op: "eq", value: true }, false],
    [{ field: "record.stage", op: "changedTo", value: "proposal" }, true],
    [{ field: "record.stage", op: "changedFrom", value: "qualified" }, true],
    [{ field: "record.amount", op: "changed" }, false],
  ] as const)("%j → %s", (condition, expected) => {
    expect(evaluate(condition as never, facts)).toBe(expected);
  });

  it("combines with all, any and not", () => {
    const c = {
      all: [
        { field: "contact.email", op: "exists" },
        {
          any: [
            { field: "contact.country", op: "eq", value: "FR" },
            { not: { field: "record.tags", op: "notContains", value: "vip" } },
          ],
        },
      ],
    };
    expect(evaluate(c as never, facts)).toBe(true);
  });

  it("reports no change on a record that has no previous version", () => {
    expect(
      evaluate(
        { field: "record.stage", op: "changedTo", value: "proposal" },
        { record: { stage: "proposal" } },
      ),
    ).toBe(false);
  });
});

describe("render", () => {
  it("fills placeholders, renders a missing value as empty or as its fallback", () => {
    expect(render("Hi {{contact.firstName}} {{contact.lastName}}!", facts)).toBe("Hi Ada !");
    expect(render('Hi {{contact.nickname | "there"}}', facts)).toBe("Hi there");
    expect(render("{{record.tags}}", facts)).toBe("vip, expo");
  });

  it("escapes values, not markup, in html", () => {
    expect(
      render("<p>{{contact.firstName}}</p>", { contact: { firstName: "<b>Ada</b> & co" } }, "html"),
    ).toBe("<p>&lt;b&gt;Ada&lt;/b&gt; &amp; co</p>");
  });
});
