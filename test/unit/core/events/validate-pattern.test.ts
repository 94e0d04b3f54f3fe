import { describe, expect, it } from "vitest";
import { validatePattern } from "../../../../lambdas/core/events/pattern.js";

// The refusals mirror EventBridge's InvalidEventPatternException reasons, as recorded against AWS in
// localstack/localstack tests/aws/services/events/test_events_patterns.snapshot.json (quoted per case),
// and the checks of event-ruler's JsonRuleCompiler. Our messages are worded for people; the paths are ours.
const problems = (pattern: unknown) => validatePattern(pattern);

describe("validatePattern: structure", () => {
  it("accepts the documented patterns", () => {
    expect(
      problems({
        time: [{ prefix: "2017-10-02" }],
        detail: {
          state: [{ "anything-but": "initializing" }],
          "c-count": [{ numeric: [">", 0, "<=", 5] }],
          "x-limit": [{ "anything-but": [100, 200, 300] }],
          $or: [{ "source-ip": [{ cidr: "10.0.0.0/8" }] }, { missing: [{ exists: false }] }],
        },
      }),
    ).toEqual([]);
  });

  it("refuses a pattern that is not an object, at the root path", () => {
    // AWS: "Filter is not an object"
    expect(problems(["not", "a", "dict"])).toEqual([
      { path: "", message: "a pattern must be a JSON object" },
    ]);
    expect(problems("source")).toEqual([{ path: "", message: "a pattern must be a JSON object" }]);
  });

  it("refuses a bare value where a list is required", () => {
    // AWS: "\"int\" must be an object or an array" for {"int": 42}; the same for {"string": "my-value"}
    expect(problems({ int: 42 })).toEqual([
      { path: "int", message: "must be a list of alternatives or a nested pattern" },
    ]);
    expect(problems({ detail: { state: "running" } })).toEqual([
      { path: "detail.state", message: "must be a list of alternatives or a nested pattern" },
    ]);
  });

  it("refuses empty lists and empty objects", () => {
    // AWS: "Empty arrays are not allowed" for {"resources": []}; event-ruler: "Empty objects are not allowed"
    expect(problems({ resources: [] })).toEqual([
      { path: "resources", message: "empty lists are not allowed: give at least one alternative" },
    ]);
    expect(problems({ detail: {} })).toEqual([{ path: "detail", message: "empty objects are not allowed" }]);
  });

  it("refuses nested lists and non-JSON numbers among alternatives", () => {
    // event-ruler: "Match value must be String, number, true, false, or null"
    expect(problems({ a: [["x"]] })).toEqual([
      { path: "a", message: "an alternative must be a string, number, boolean, null or operator object" },
    ]);
    expect(problems({ a: [Number.NaN] })).toEqual([{ path: "a", message: "numbers must be finite" }]);
  });

  it("refuses unknown operators, case-sensitively", () => {
    // AWS: "Unrecognized match type NUMERIC" for {"detail": {"equal": [{"NUMERIC": ["=", 5]}]}}
    // and "Unrecognized match type EXISTS" for {"my_key": [{"EXISTS": true}]}
    expect(problems({ detail: { equal: [{ NUMERIC: ["=", 5] }] } })).toEqual([
      { path: "detail.equal", message: 'unknown operator "NUMERIC"' },
    ]);
    expect(problems({ my_key: [{ EXISTS: true }] })).toEqual([
      { path: "my_key", message: 'unknown operator "EXISTS"' },
    ]);
  });

  it("refuses operator objects without exactly one operator", () => {
    // event-ruler: "Match expression name not found", "Only one key allowed in match expression"
    expect(problems({ a: [{}] })).toEqual([{ path: "a", message: "an operator object needs one operator" }]);
    expect(problems({ a: [{ prefix: "a", suffix: "b" }] })).toEqual([
      { path: "a", message: "an operator object takes one operator, got prefix, suffix" },
    ]);
  });

  it("reports every problem of a pattern at once, each at its path", () => {
    expect(
      problems({ source: "x", detail: { amount: [{ numeric: [">"] }], tags: [{ suffix: 1 }] } }),
    ).toEqual([
      { path: "source", message: "must be a list of alternatives or a nested pattern" },
      { path: "detail.amount", message: "numeric needs pairs of operator and number" },
      { path: "detail.tags", message: 'suffix needs a string or {"equals-ignore-case": string}' },
    ]);
  });
});

describe("validatePattern: operators", () => {
  it("refuses prefix, suffix and equals-ignore-case without a string", () => {
    // AWS: "prefix match pattern must be a string" ({"prefix": 123}, {"prefix": ["2022-07-13"]}),
    // "suffix match pattern must be a string", "equals-ignore-case match pattern must be a string"
    expect(problems({ time: [{ prefix: 123 }] })).toEqual([
      { path: "time", message: 'prefix needs a string or {"equals-ignore-case": string}' },
    ]);
    expect(problems({ time: [{ prefix: ["2022-07-13"] }] })).toEqual([
      { path: "time", message: 'prefix needs a string or {"equals-ignore-case": string}' },
    ]);
    expect(problems({ FileName: [{ suffix: [".png"] }] })).toEqual([
      { path: "FileName", message: 'suffix needs a string or {"equals-ignore-case": string}' },
    ]);
    expect(problems({ "detail-type": [{ "equals-ignore-case": { prefix: "ec2" } }] })).toEqual([
      { path: "detail-type", message: "equals-ignore-case needs a string" },
    ]);
  });

  it("names the numeric mistakes", () => {
    // AWS: "Value of < must be numeric" for [">", 0, "<"]; "Bad numeric range operator: >" for [">", 0, ">", 0]
    expect(problems({ detail: { "c-count": [{ numeric: [">", 0, "<"] }] } })).toEqual([
      { path: "detail.c-count", message: "numeric needs pairs of operator and number" },
    ]);
    expect(problems({ detail: { "c-count": [{ numeric: [">", 0, ">", 0] }] } })).toEqual([
      { path: "detail.c-count", message: 'numeric: a range ends with an upper bound ("<" or "<="), not ">"' },
    ]);
    expect(problems({ n: [{ numeric: ["==", 5] }] })).toEqual([
      { path: "n", message: 'numeric: unknown operator "=="' },
    ]);
    expect(problems({ n: [{ numeric: [">", "5"] }] })).toEqual([
      { path: "n", message: 'numeric: value of ">" must be a number' },
    ]);
    expect(problems({ n: [{ numeric: ["<", 10, ">", 0] }] })).toEqual([
      { path: "n", message: 'numeric: only a lower bound (">" or ">=") can start a range, not "<"' },
    ]);
    expect(problems({ n: [{ numeric: [">", 5, "<", 5] }] })).toEqual([
      { path: "n", message: "numeric: the range > 5, < 5 is empty" },
    ]);
    expect(problems({ n: [{ numeric: "> 5" }] })).toEqual([
      { path: "n", message: "numeric needs pairs of operator and number" },
    ]);
  });

  it("refuses exists without a boolean", () => {
    // event-ruler: "exists match pattern must be either true or false."
    expect(problems({ a: [{ exists: "yes" }] })).toEqual([
      { path: "a", message: "exists needs true or false" },
    ]);
  });

  it("names the wildcard mistakes, with the position", () => {
    // AWS: "Consecutive wildcard characters at pos 26"; "wildcard match pattern must be a string"
    expect(problems({ EventBusArn: [{ wildcard: "arn:aws:events:us-east-1:**:event-bus/*" }] })).toEqual([
      { path: "EventBusArn", message: "wildcard: consecutive wildcard characters at pos 26" },
    ]);
    expect(problems({ EventBusArn: [{ wildcard: 123 }] })).toEqual([
      { path: "EventBusArn", message: "wildcard needs a string" },
    ]);
    // filtering: escaping any character other than * or \ is not allowed.
    expect(problems({ k: [{ wildcard: "a\\b" }] })).toEqual([
      { path: "k", message: "wildcard: invalid escape at pos 1" },
    ]);
  });

  it("names the cidr mistakes", () => {
    // AWS: "Malformed CIDR, one '/' required", "Malformed CIDR, mask bits must be an integer",
    // "Nonstandard IP address: xx.11.xx", "Nonstandard IP address: xxxx:db8:1234:1a00::",
    // and "prefix match pattern must be a string" for {"cidr": ["bad-type"]}
    const at = (cidr: unknown) => problems({ detail: { sourceIPAddress: [{ cidr }] } });
    expect(at("10.0.0.0")).toEqual([
      { path: "detail.sourceIPAddress", message: "cidr: malformed CIDR, one '/' required" },
    ]);
    expect(at("10.0.0.0/xx")).toEqual([
      { path: "detail.sourceIPAddress", message: "cidr: malformed CIDR, mask bits must be an integer" },
    ]);
    expect(at("xx.11.xx/24")).toEqual([
      { path: "detail.sourceIPAddress", message: "cidr: nonstandard IP address: xx.11.xx" },
    ]);
    expect(at("xxxx:db8:1234:1a00::/64")).toEqual([
      { path: "detail.sourceIPAddress", message: "cidr: nonstandard IP address: xxxx:db8:1234:1a00::" },
    ]);
    expect(at("10.0.0.0/33")).toEqual([
      { path: "detail.sourceIPAddress", message: "cidr: mask bits must be between 0 and 32" },
    ]);
    expect(at(["bad-type"])).toEqual([
      { path: "detail.sourceIPAddress", message: 'cidr needs a string such as "10.0.0.0/24"' },
    ]);
  });

  it("names the anything-but mistakes", () => {
    // AWS: "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported." ({"equals-ignore-case": 123}),
    // "Value of anything-but must be an array or single string/number value." ({"prefix": {"equals-ignore-case": "file"}}),
    // "prefix/suffix match pattern must be a string" ({"suffix": [123, ".txt"]}),
    // "wildcard match pattern must be a string" ({"wildcard": 123}); event-ruler: "Null prefix/suffix not allowed",
    // "Inside anything but list, either all values are number or string, mixed type is not supported"
    const at = (arg: unknown) => problems({ detail: { state: [{ "anything-but": arg }] } });
    const path = "detail.state";
    expect(at({ "equals-ignore-case": 123 })).toEqual([
      { path, message: "anything-but equals-ignore-case needs a string or a list of strings" },
    ]);
    expect(at({ prefix: { "equals-ignore-case": "file" } })).toEqual([
      { path, message: "anything-but prefix needs a string or a list of strings" },
    ]);
    expect(at({ suffix: [123, ".txt"] })).toEqual([
      { path, message: "anything-but suffix needs a string or a list of strings" },
    ]);
    expect(at({ wildcard: 123 })).toEqual([
      { path, message: "anything-but wildcard needs a string or a list of strings" },
    ]);
    expect(at({ wildcard: "a**" })).toEqual([
      { path, message: "anything-but wildcard: consecutive wildcard characters at pos 2" },
    ]);
    expect(at({ suffix: "" })).toEqual([{ path, message: "anything-but suffix cannot be empty" }]);
    expect(at(["stopped", 1])).toEqual([
      { path, message: "anything-but list must hold only strings or only numbers" },
    ]);
    expect(at([])).toEqual([{ path, message: "anything-but list must hold only strings or only numbers" }]);
    expect(at({ numeric: [">", 1] })).toEqual([{ path, message: 'anything-but does not take "numeric"' }]);
    expect(at(null)).toEqual([
      {
        path,
        message:
          'anything-but needs a string, a number, a list of only strings or only numbers, or {"prefix" | "suffix" | "equals-ignore-case" | "wildcard": ...}',
      },
    ]);
  });
});

describe("validatePattern: $or", () => {
  it("needs a list of at least two patterns", () => {
    // event-ruler: "There must have at least 2 Objects in $or relationship."; "It must be an Array followed with $or."
    expect(problems({ $or: [{ a: ["x"] }] })).toEqual([
      { path: "$or", message: "$or needs a list of at least 2 patterns" },
    ]);
    expect(problems({ detail: { $or: { a: ["x"] } } })).toEqual([
      { path: "detail.$or", message: "$or needs a list of at least 2 patterns" },
    ]);
  });

  it("needs each branch to be a pattern, and checks inside each branch", () => {
    // event-ruler: "Only JSON object is allowed in array of $or relationship."
    expect(problems({ $or: [{ a: ["x"] }, "b"] })).toEqual([
      { path: "$or.1", message: "each $or alternative must be a pattern object" },
    ]);
    expect(problems({ detail: { $or: [{ a: ["x"] }, { b: [{ numeric: [">"] }] }] } })).toEqual([
      { path: "detail.$or.1.b", message: "numeric needs pairs of operator and number" },
    ]);
  });

  it("refuses operator names as field names inside $or", () => {
    // ruler: {"$or": [{"numeric": 123}, {"prefix": "abc"}]} uses reserved keywords.
    expect(problems({ $or: [{ numeric: [123] }, { b: ["x"] }] })).toEqual([
      {
        path: "$or.0.numeric",
        message: '"numeric" is an operator name and cannot be a field name inside $or',
      },
    ]);
  });
});
