import { describe, expect, it } from "vitest";
import {
  compilePattern,
  type EventPattern,
  InvalidEventPatternError,
  matchesPattern,
} from "../../../../lambdas/core/events/pattern.js";

// Where each case comes from (cited in each test by the short name):
// - patterns:  https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html
//              (and eb-create-pattern.html, which now holds its "Considerations" section)
// - operators: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html
// - filtering: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-content-based-filtering.html
//              (earlier editions: content-filtering-with-event-patterns.html, awsdocs/amazon-eventbridge-user-guide)
// - arrays:    https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-arrays.html
// - nulls:     https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-null-values.html
// - wildcardBlog: https://aws.amazon.com/blogs/compute/filtering-events-in-amazon-eventbridge-with-wildcard-pattern-matching/
// - ruler:     the README of https://github.com/aws/event-ruler, the matcher behind EventBridge
// - parity:    the event/pattern pairs LocalStack records against real EventBridge (TestEventPattern) in
//              localstack/localstack tests/aws/services/events/event_pattern_templates/<name>.json5

const matches = (pattern: EventPattern, event: unknown) => matchesPattern(pattern, event);

// The sample EC2 event of eb-event-patterns.html.
const ec2Event = {
  version: "0",
  id: "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
  "detail-type": "EC2 Instance State-change Notification",
  source: "aws.ec2",
  account: "111122223333",
  time: "2017-12-22T18:43:48Z",
  region: "us-west-1",
  resources: ["arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0"],
  detail: { "instance-id": "i-1234567890abcdef0", state: "terminated" },
};

// The sample Auto Scaling event of eb-event-patterns-null-values.html.
const autoscalingEvent = {
  version: "0",
  id: "3e3c153a-8339-4e30-8c35-687ebef853fe",
  "detail-type": "EC2 Instance Launch Successful",
  source: "aws.autoscaling",
  account: "123456789012",
  time: "2015-11-11T21:31:47Z",
  region: "us-east-1",
  resources: [],
  detail: { eventVersion: "", responseElements: null },
};

// The sample event of the event-ruler README, used with the patterns of the filtering page.
const rulerEvent = {
  version: "0",
  id: "ddddd4-aaaa-7777-4444-345dd43cc333",
  "detail-type": "EC2 Instance State-change Notification",
  source: "aws.ec2",
  account: "012345679012",
  time: "2017-10-02T16:24:49Z",
  region: "us-east-1",
  resources: ["arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000"],
  detail: {
    "c-count": 5,
    "d-count": 3,
    "x-limit": 301.8,
    "source-ip": "10.0.0.33",
    "instance-id": "i-000000aaaaaa00000",
    state: "running",
  },
};

const withDetail = (detail: Record<string, unknown>) => ({ ...rulerEvent, detail });

describe("field matching", () => {
  // patterns: "The following event pattern processes all Amazon EC2 instance-termination events."
  const terminated: EventPattern = {
    source: ["aws.ec2"],
    "detail-type": ["EC2 Instance State-change Notification"],
    detail: { state: ["terminated"] },
  };

  it("matches the documented EC2 termination pattern on its sample event", () => {
    expect(matches(terminated, ec2Event)).toBe(true);
  });

  it("needs every field of the pattern to match (AND across fields)", () => {
    expect(matches(terminated, { ...ec2Event, detail: { state: "running" } })).toBe(false);
    expect(matches(terminated, { ...ec2Event, source: "aws.s3" })).toBe(false);
  });

  it("needs every field of the pattern to be present, at the same nesting", () => {
    // patterns: "the event must contain all the field names listed in the event pattern ... with the same nesting"
    const { detail: _, ...noDetail } = ec2Event;
    expect(matches(terminated, noDetail)).toBe(false);
    expect(matches(terminated, { ...ec2Event, detail: {}, state: "terminated" })).toBe(false);
  });

  it("matches any of the listed values (OR within a field)", () => {
    // patterns: { "source": ["aws.ec2", "aws.fargate"] } matches either source.
    const pattern: EventPattern = { source: ["aws.ec2", "aws.fargate"] };
    expect(matches(pattern, { ...ec2Event, source: "aws.fargate" })).toBe(true);
    expect(matches(pattern, ec2Event)).toBe(true);
    expect(matches(pattern, { ...ec2Event, source: "aws.lambda" })).toBe(false);
  });

  it("matches numbers in nested fields, as in the documented Macie example", () => {
    // patterns (Value matching): "matches any event that has a risk score of 80 and a trigger risk of 8"
    const pattern: EventPattern = {
      source: ["aws.macie"],
      "detail-type": ["Macie Alert"],
      detail: { "risk-score": [80], trigger: { risk: [8] } },
    };
    const event = {
      source: "aws.macie",
      "detail-type": "Macie Alert",
      detail: {
        "notification-type": "ALERT_CREATED",
        tags: ["Custom_Alert", "Insider"],
        "risk-score": 80,
        trigger: { "alert-type": "basic", risk: 8 },
      },
    };
    expect(matches(pattern, event)).toBe(true);
    expect(matches(pattern, { ...event, detail: { ...event.detail, trigger: { risk: 7 } } })).toBe(false);
  });

  it("compares strings exactly, without case-folding", () => {
    // patterns: "For strings, EventBridge uses exact character-by-character matching without case-folding"
    expect(matches({ source: ["aws.ec2"] }, { source: "AWS.EC2" })).toBe(false);
    expect(matches({ source: ["aws.ec2"] }, { source: "aws.ec2 " })).toBe(false);
  });

  it("treats field names as case sensitive", () => {
    // parity: key_case_sensitive_NEG
    expect(matches({ detail: { State: ["running"] } }, { detail: { state: "running" } })).toBe(false);
  });

  it("matches booleans only to booleans", () => {
    // patterns: values follow JSON rules: strings, numbers, and the keywords true, false and null.
    expect(matches({ detail: { vip: [true] } }, { detail: { vip: true } })).toBe(true);
    expect(matches({ detail: { vip: [true] } }, { detail: { vip: "true" } })).toBe(false);
    expect(matches({ detail: { vip: [false] } }, { detail: { vip: true } })).toBe(false);
  });

  it("keeps strings and numbers apart", () => {
    expect(matches({ detail: { n: ["5"] } }, { detail: { n: 5 } })).toBe(false);
    expect(matches({ detail: { n: [5] } }, { detail: { n: "5" } })).toBe(false);
  });

  it("matches exact numbers by value once parsed (300 matches 300.0 and 3.0e2)", () => {
    // An earlier edition of patterns (awsdocs/amazon-eventbridge-user-guide, eb-event-patterns.md) said
    // "300, 300.0, and 3.0e2 are not considered equal"; event-ruler's JsonRuleCompiler now files an
    // exact number both as its literal and as numeric equality, and once JSON is parsed the three
    // spellings are one number anyway, so they match here.
    expect(matches(JSON.parse('{"x": [300]}'), JSON.parse('{"x": 300.0}'))).toBe(true);
    expect(matches(JSON.parse('{"x": [3.0e2]}'), JSON.parse('{"x": 300}'))).toBe(true);
  });

  it("ignores a field that holds an object where the pattern expects values", () => {
    expect(matches({ detail: ["x"] }, { detail: { a: "x" } })).toBe(false);
  });

  it("does not read JSON carried as a string", () => {
    // parity: nested_json_NEG
    expect(matches({ detail: { "my-key": ["my-value"] } }, { detail: '{"my-key": "my-value"}' })).toBe(false);
  });

  it("uses the last of repeated keys, as EventBridge does", () => {
    // filtering: "if you include a key more than once the last reference will be the one used"
    const pattern = JSON.parse(
      '{"detail": {"location": [{"prefix": "us-"}], "location": [{"anything-but": "us-east"}]}}',
    ) as EventPattern;
    expect(matches(pattern, { detail: { location: "eu-west" } })).toBe(true);
    expect(matches(pattern, { detail: { location: "us-east" } })).toBe(false);
  });

  it("does not match an event that is not an object", () => {
    expect(matches({ source: ["a"] }, "a")).toBe(false);
    expect(matches({ source: ["a"] }, null)).toBe(false);
  });
});

describe("null values and empty strings", () => {
  it('matches an empty string with [""]', () => {
    // nulls: { "detail": { "eventVersion": [""] } } matches the sample event.
    expect(matches({ detail: { eventVersion: [""] } }, autoscalingEvent)).toBe(true);
  });

  it("matches a null value with [null]", () => {
    // nulls: { "detail": { "responseElements": [null] } } matches the sample event.
    expect(matches({ detail: { responseElements: [null] } }, autoscalingEvent)).toBe(true);
    // patterns (Field matching): the same with source and detail-type.
    const pattern: EventPattern = {
      source: ["aws.autoscaling"],
      "detail-type": ["EC2 Instance Launch Successful"],
      detail: { responseElements: [null] },
    };
    expect(matches(pattern, autoscalingEvent)).toBe(true);
  });

  it("does not interchange null and the empty string", () => {
    // nulls: "Null values and empty strings are not interchangeable in pattern matching."
    expect(matches({ detail: { eventVersion: [null] } }, autoscalingEvent)).toBe(false);
    expect(matches({ detail: { responseElements: [""] } }, autoscalingEvent)).toBe(false);
  });

  it('does not match null to the string "null" nor to a missing field', () => {
    // parity: null_value_NEG ("responseElements": "null")
    expect(matches({ detail: { responseElements: [null] } }, { detail: { responseElements: "null" } })).toBe(
      false,
    );
    expect(matches({ detail: { responseElements: [null] } }, { detail: {} })).toBe(false);
  });
});

describe("arrays", () => {
  // arrays: the pattern lists three ARNs; the event holds two, the second equal to the first listed.
  const pattern: EventPattern = {
    resources: [
      "arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f",
      "arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f",
      "arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f",
    ],
  };

  it("matches when the event's array and the pattern's list intersect", () => {
    const event = {
      resources: [
        "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b-bbf0-401d-b893-d5978ed4a025:autoScalingGroupName/ASGTerminate",
        "arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f",
      ],
    };
    expect(matches(pattern, event)).toBe(true);
  });

  it("does not match when they do not intersect", () => {
    expect(matches(pattern, { resources: ["arn:aws:ec2:us-east-1:999999999999:instance/i-b188560f"] })).toBe(
      false,
    );
  });

  it("never matches an empty event array with a value", () => {
    // parity: arrays_empty_null_NEG ({"resources": [null]} against "resources": [])
    expect(matches({ resources: [null] }, { resources: [] })).toBe(false);
  });

  it("matches a nested field inside any element of an array of objects", () => {
    // ruler (JSON Array Matching): { "employees": { "firstName": [ "Anna" ] } } matches.
    const employees = {
      employees: [
        { firstName: "John", lastName: "Doe" },
        { firstName: "Anna", lastName: "Smith" },
        { firstName: "Peter", lastName: "Jones" },
      ],
    };
    expect(matches({ employees: { firstName: ["Anna"] } }, employees)).toBe(true);
    // ruler: it also works for multi-level arrays.
    const nested = {
      employees: [[employees.employees[0], employees.employees[1]], [employees.employees[2]]],
    };
    expect(matches({ employees: { firstName: ["Peter"] } }, nested)).toBe(true);
  });

  it("requires the fields of one nested pattern to match within the same array element", () => {
    // ruler: the "Anna"/"Jones" rule does not match: Anna and Jones are in different elements.
    const event = {
      employees: [
        { firstName: "Anna", lastName: "Smith" },
        { firstName: "Peter", lastName: "Jones" },
      ],
    };
    expect(matches({ employees: { firstName: ["Anna"], lastName: ["Jones"] } }, event)).toBe(false);
    expect(matches({ employees: { firstName: ["Anna"], lastName: ["Smith"] } }, event)).toBe(true);
  });
});

describe("prefix", () => {
  it("matches a prefix of a top-level field", () => {
    // filtering: { "time": [ { "prefix": "2017-10-02" } ] } matches "time": "2017-10-02T18:43:48Z".
    expect(matches({ time: [{ prefix: "2017-10-02" }] }, { time: "2017-10-02T18:43:48Z" })).toBe(true);
    expect(matches({ time: [{ prefix: "2017-10-02" }] }, { time: "2017-10-03T18:43:48Z" })).toBe(false);
  });

  it("matches a prefix together with an exact field, as in the Auto Scaling Europe example", () => {
    // filtering, earlier edition (content-filtering-with-event-patterns.html): "process all AWS Auto
    // Scaling events from European regions" with source aws.autoscaling and region prefix "eu-".
    const pattern: EventPattern = { source: ["aws.autoscaling"], region: [{ prefix: "eu-" }] };
    expect(matches(pattern, { source: "aws.autoscaling", region: "eu-west-1" })).toBe(true);
    expect(matches(pattern, { source: "aws.autoscaling", region: "us-east-1" })).toBe(false);
  });

  it("matches a prefix on a nested field, ignoring case when asked", () => {
    // filtering: {"detail": {"service": [{"prefix": {"equals-ignore-case": "EventB"}}]}} matches
    // "EventB", "EVENTB", "eventb" or any other casing.
    const pattern: EventPattern = { detail: { service: [{ prefix: { "equals-ignore-case": "EventB" } }] } };
    for (const service of ["EventBridge", "EVENTBRIDGE", "eventbridge"])
      expect(matches(pattern, { detail: { service } }), service).toBe(true);
    expect(matches(pattern, { detail: { service: "MyEventBridge" } })).toBe(false);
  });

  it("matches string values only", () => {
    // ruler: "Prefix matches only work on string-valued fields."
    expect(matches({ n: [{ prefix: "1" }] }, { n: 12 })).toBe(false);
  });
});

describe("suffix", () => {
  it("matches a suffix", () => {
    // filtering: { "FileName": [ { "suffix": ".png" } ] }
    expect(matches({ FileName: [{ suffix: ".png" }] }, { FileName: "image.png" })).toBe(true);
    expect(matches({ FileName: [{ suffix: ".png" }] }, { FileName: "image.jpg" })).toBe(false);
  });

  it("matches a suffix ignoring case when asked", () => {
    // filtering: {"detail": {"FileName": [{"suffix": {"equals-ignore-case": ".png"}}]}} also matches .PNG.
    const pattern: EventPattern = { detail: { FileName: [{ suffix: { "equals-ignore-case": ".png" } }] } };
    expect(matches(pattern, { detail: { FileName: "photo.PNG" } })).toBe(true);
    // operators: {"service": [{"suffix": {"equals-ignore-case": "tBridge"}}]} matches "TBRIDGE" endings.
    expect(
      matches({ service: [{ suffix: { "equals-ignore-case": "tBridge" } }] }, { service: "EVENTBRIDGE" }),
    ).toBe(true);
    expect(matches(pattern, { detail: { FileName: "photo.png.txt" } })).toBe(false);
  });
});

describe("equals-ignore-case", () => {
  it("matches a string whatever its casing", () => {
    // operators: "Name": [ { "equals-ignore-case": "alice" } ] matches Name "Alice".
    expect(matches({ Name: [{ "equals-ignore-case": "alice" }] }, { Name: "Alice" })).toBe(true);
    expect(matches({ Name: [{ "equals-ignore-case": "alice" }] }, { Name: "ALICE" })).toBe(true);
    expect(matches({ Name: [{ "equals-ignore-case": "alice" }] }, { Name: "Alicia" })).toBe(false);
  });
});

describe("anything-but", () => {
  it("matches anything except one string", () => {
    // filtering: { "detail": { "state": [ { "anything-but": "initializing" } ] } }
    const pattern: EventPattern = { detail: { state: [{ "anything-but": "initializing" }] } };
    expect(matches(pattern, withDetail({ state: "running" }))).toBe(true);
    expect(matches(pattern, withDetail({ state: "initializing" }))).toBe(false);
  });

  it("matches anything except one number", () => {
    // filtering: { "detail": { "x-limit": [ { "anything-but": 123 } ] } }
    const pattern: EventPattern = { detail: { "x-limit": [{ "anything-but": 123 }] } };
    expect(matches(pattern, withDetail({ "x-limit": 124 }))).toBe(true);
    expect(matches(pattern, withDetail({ "x-limit": 123 }))).toBe(false);
  });

  it("matches anything except a list of strings", () => {
    // filtering: { "detail": { "state": [ { "anything-but": [ "stopped", "overloaded" ] } ] } }
    const pattern: EventPattern = { detail: { state: [{ "anything-but": ["stopped", "overloaded"] }] } };
    expect(matches(pattern, withDetail({ state: "running" }))).toBe(true);
    expect(matches(pattern, withDetail({ state: "stopped" }))).toBe(false);
    expect(matches(pattern, withDetail({ state: "overloaded" }))).toBe(false);
  });

  it("matches anything except a list of numbers", () => {
    // filtering: { "detail": { "x-limit": [ { "anything-but": [ 100, 200, 300 ] } ] } }
    const pattern: EventPattern = { detail: { "x-limit": [{ "anything-but": [100, 200, 300] }] } };
    expect(matches(pattern, withDetail({ "x-limit": 150 }))).toBe(true);
    expect(matches(pattern, withDetail({ "x-limit": 200 }))).toBe(false);
  });

  it("matches anything except a prefix", () => {
    // filtering: matches any event that doesn't have the prefix "init" in the "state" field.
    const pattern: EventPattern = { detail: { state: [{ "anything-but": { prefix: "init" } }] } };
    expect(matches(pattern, withDetail({ state: "running" }))).toBe(true);
    expect(matches(pattern, withDetail({ state: "initializing" }))).toBe(false);
    // parity: content_anything_prefix_list ({"prefix": ["init", "test"]} against "post-init")
    const list: EventPattern = { detail: { state: [{ "anything-but": { prefix: ["init", "test"] } }] } };
    expect(matches(list, withDetail({ state: "post-init" }))).toBe(true);
    expect(matches(list, withDetail({ state: "testing" }))).toBe(false);
  });

  it("matches anything except a suffix", () => {
    // operators: "FileName": [ { "anything-but": { "suffix": ".png" } } ]
    const pattern: EventPattern = { FileName: [{ "anything-but": { suffix: ".png" } }] };
    expect(matches(pattern, { FileName: "notes.txt" })).toBe(true);
    expect(matches(pattern, { FileName: "cat.png" })).toBe(false);
  });

  it("matches anything except a string in any casing", () => {
    // operators: "state": [{ "anything-but": { "equals-ignore-case": "initializing" }}] refuses "INITIALIZING".
    const pattern: EventPattern = { state: [{ "anything-but": { "equals-ignore-case": "initializing" } }] };
    expect(matches(pattern, { state: "INITIALIZING" })).toBe(false);
    expect(matches(pattern, { state: "running" })).toBe(true);
    const list: EventPattern = {
      state: [{ "anything-but": { "equals-ignore-case": ["Stopped", "overloaded"] } }],
    };
    expect(matches(list, { state: "STOPPED" })).toBe(false);
    expect(matches(list, { state: "running" })).toBe(true);
  });

  it("matches anything except a wildcard", () => {
    // operators: "FilePath" : [{ "anything-but": { "wildcard": "*/lib/*" }}] — not a path that includes /lib/.
    const pattern: EventPattern = { FilePath: [{ "anything-but": { wildcard: "*/lib/*" } }] };
    expect(matches(pattern, { FilePath: "/usr/lib/libc.so" })).toBe(false);
    expect(matches(pattern, { FilePath: "/usr/bin/env" })).toBe(true);
    // parity: content_anything_wildcard_list (["*/init/*", "*/dir/*"] against "dir/post/dir")
    const list: EventPattern = { state: [{ "anything-but": { wildcard: ["*/init/*", "*/dir/*"] } }] };
    expect(matches(list, { state: "dir/post/dir" })).toBe(true);
    expect(matches(list, { state: "a/init/b" })).toBe(false);
  });

  it("matches a null value or another type, but never a missing field", () => {
    // parity: content_anything_but_string_null (matches "state": null),
    // content_anything_but_string_missing_NEG (no match on "detail": {}),
    // content_anything_prefix_int_value (anything-but prefix "init" matches "state": 12).
    const pattern: EventPattern = { detail: { state: [{ "anything-but": "initializing" }] } };
    expect(matches(pattern, { detail: { state: null } })).toBe(true);
    expect(matches(pattern, { detail: {} })).toBe(false);
    expect(
      matches({ detail: { state: [{ "anything-but": { prefix: "init" } }] } }, { detail: { state: 12 } }),
    ).toBe(true);
    expect(matches({ x: [{ "anything-but": [100, 200] }] }, { x: "100" })).toBe(true);
  });

  it("matches an event array when any element is not excluded", () => {
    const pattern: EventPattern = { detail: { state: [{ "anything-but": ["stopped"] }] } };
    expect(matches(pattern, { detail: { state: ["stopped", "running"] } })).toBe(true);
    expect(matches(pattern, { detail: { state: ["stopped"] } })).toBe(false);
  });
});

describe("numeric", () => {
  // filtering: "an event pattern that only matches events that are true for all fields".
  const pattern: EventPattern = {
    detail: {
      "c-count": [{ numeric: [">", 0, "<=", 5] }],
      "d-count": [{ numeric: ["<", 10] }],
      "x-limit": [{ numeric: ["=", 3.018e2] }],
    },
  };

  it("matches the documented ranges on the sample event", () => {
    expect(matches(pattern, rulerEvent)).toBe(true);
  });

  it("respects open and closed bounds", () => {
    expect(matches(pattern, withDetail({ ...rulerEvent.detail, "c-count": 0 }))).toBe(false);
    expect(matches(pattern, withDetail({ ...rulerEvent.detail, "c-count": 6 }))).toBe(false);
    expect(matches(pattern, withDetail({ ...rulerEvent.detail, "d-count": 10 }))).toBe(false);
    expect(matches(pattern, withDetail({ ...rulerEvent.detail, "x-limit": 301.9 }))).toBe(false);
  });

  it("matches the operators-table price examples", () => {
    // operators: "Price": [ { "numeric": [ "=", 100 ] } ]; "Price": [ { "numeric": [ ">", 10, "<=", 20 ] } ]
    expect(matches({ Price: [{ numeric: ["=", 100] }] }, { Price: 100 })).toBe(true);
    expect(matches({ Price: [{ numeric: [">", 10, "<=", 20] }] }, { Price: 20 })).toBe(true);
    expect(matches({ Price: [{ numeric: [">", 10, "<=", 20] }] }, { Price: 10 })).toBe(false);
    expect(matches({ Price: [{ numeric: [">=", 10, "<", 20] }] }, { Price: 10 })).toBe(true);
  });

  it("compares integers and decimals by value", () => {
    // parity: numeric-int-float (101.0 matches [">", 100])
    expect(matches({ number: [{ numeric: [">", 100] }] }, JSON.parse('{"number": 101.0}'))).toBe(true);
  });

  it("matches JSON numbers only", () => {
    // filtering: "Numeric matching works with values that are JSON numbers." parity: numeric-string_NEG, numeric-null_NEG
    expect(matches({ number: [{ numeric: [">", 100] }] }, { number: "101" })).toBe(false);
    expect(matches({ number: [{ numeric: [">", 100] }] }, { number: null })).toBe(false);
    expect(matches({ number: [{ numeric: [">", 100] }] }, {})).toBe(false);
  });
});

describe("IP address (cidr)", () => {
  it("matches IPv4 addresses inside the block", () => {
    // filtering: { "detail": { "sourceIPAddress": [ { "cidr": "10.0.0.0/24" } ] } } — 10.0.0.0 to 10.0.0.255
    const pattern: EventPattern = { detail: { sourceIPAddress: [{ cidr: "10.0.0.0/24" }] } };
    expect(matches(pattern, { detail: { sourceIPAddress: "10.0.0.0" } })).toBe(true);
    expect(matches(pattern, { detail: { sourceIPAddress: "10.0.0.255" } })).toBe(true);
    expect(matches(pattern, { detail: { sourceIPAddress: "10.0.1.1" } })).toBe(false);
    expect(matches(pattern, { detail: { sourceIPAddress: "not an ip" } })).toBe(false);
  });

  it("matches IP strings only", () => {
    // parity: content_ip_address_bad_type_NEG ("sourceIPAddress": 123)
    expect(
      matches(
        { detail: { sourceIPAddress: [{ cidr: "10.0.0.0/24" }] } },
        { detail: { sourceIPAddress: 123 } },
      ),
    ).toBe(false);
  });

  it("matches IPv6 addresses inside the block, in any notation", () => {
    // filtering: "You can use IP address matching for IPv4 and IPv6 addresses."
    // parity: content_ip_address_v6 ("2001:db8:1234:1a00::/64" against the expanded address)
    const pattern: EventPattern = { detail: { sourceIPAddress: [{ cidr: "2001:db8:1234:1a00::/64" }] } };
    expect(matches(pattern, { detail: { sourceIPAddress: "2001:0db8:1234:1a00:0000:0000:0000:0000" } })).toBe(
      true,
    );
    expect(matches(pattern, { detail: { sourceIPAddress: "2001:db8:1234:1a00::1" } })).toBe(true);
    expect(matches(pattern, { detail: { sourceIPAddress: "2001:db8:1234:1b00::1" } })).toBe(false);
    expect(matches(pattern, { detail: { sourceIPAddress: "10.0.0.1" } })).toBe(false);
  });
});

describe("exists", () => {
  it("matches a present field with exists: true, and not a missing one", () => {
    // filtering, earlier edition (awsdocs/amazon-eventbridge-user-guide, commit e3d3ad6):
    // {"detail": {"state": [{"exists": true}]}} matches the event with
    // "state": "pending", and not the event whose detail has only "c-count": {"c1": 100}.
    const pattern: EventPattern = { detail: { state: [{ exists: true }] } };
    expect(
      matches(pattern, { source: "aws.ec2", detail: { "instance-id": "i-abcd1111", state: "pending" } }),
    ).toBe(true);
    expect(matches(pattern, { detail: { "c-count": { c1: 100 } } })).toBe(false);
  });

  it("matches a missing field with exists: false", () => {
    // filtering, earlier edition: {"detail": {"c-count": [{"exists": false}]}} matches an event with no detail.c-count.
    const pattern: EventPattern = { detail: { "c-count": [{ exists: false }] } };
    expect(matches(pattern, { detail: { state: ["initializing", "running"] } })).toBe(true);
    expect(matches(pattern, { detail: { "c-count": 5 } })).toBe(false);
  });

  it("applies to leaves only: an object is not a value", () => {
    // filtering: "Exists matching only works on leaf nodes." An earlier edition's exists:false pattern also
    // matches "c-count": {"c1": 100} "because c-count isn't a leaf node"; parity: exists_dynamodb_NEG.
    expect(
      matches({ detail: { "c-count": [{ exists: false }] } }, { detail: { "c-count": { c1: 100 } } }),
    ).toBe(true);
    expect(
      matches({ dynamodb: { presentKey: [{ exists: true }] } }, { dynamodb: { presentKey: { S: "x" } } }),
    ).toBe(false);
  });

  it("counts a null value as present", () => {
    expect(matches({ detail: { command: [{ exists: true }] } }, { detail: { command: null } })).toBe(true);
    expect(matches({ detail: { command: [{ exists: false }] } }, { detail: { command: null } })).toBe(false);
  });

  it("matches exists: false when a level above the field is missing", () => {
    // parity: content_exists_false (the pattern's path leaves the event at "level2")
    const pattern: EventPattern = {
      detail: { level1: { "level2:": { level3: { level4: [{ exists: false }] } } } },
    };
    expect(matches(pattern, { detail: { level1: { level2: "l2 value" } } })).toBe(true);
    // parity: content_exists_false_NEG
    const present: EventPattern = {
      detail: { level1: { level2: { level3: { level4: [{ exists: false }] } } } },
    };
    expect(matches(present, { detail: { level1: { level2: { level3: { level4: "l4 value" } } } } })).toBe(
      false,
    );
  });

  it("treats an empty array as absent", () => {
    // parity: exists_list_empty_NEG ({"resources": [{"exists": true}]} against "resources": [])
    expect(matches({ resources: [{ exists: true }] }, { resources: [] })).toBe(false);
    expect(matches({ resources: [{ exists: false }] }, { resources: [] })).toBe(true);
  });
});

describe("wildcard", () => {
  it("matches any run of characters, including none", () => {
    // wildcardBlog: "a filter string like "*.png" matches strings that end with ".png""
    const png: EventPattern = { key: [{ wildcard: "*.png" }] };
    expect(matches(png, { key: "dir/cat.png" })).toBe(true);
    expect(matches(png, { key: ".png" })).toBe(true);
    expect(matches(png, { key: "cat.jpg" })).toBe(false);
    // wildcardBlog: ""*Title*" matches string values that include "Title" in the middle"
    expect(matches({ key: [{ wildcard: "*Title*" }] }, { key: "The Title Page" })).toBe(true);
    // ruler: { "source": [ { "wildcard": "Simple*Service" } ] }
    expect(matches({ source: [{ wildcard: "Simple*Service" }] }, { source: "SimpleQueueService" })).toBe(
      true,
    );
    expect(matches({ source: [{ wildcard: "Simple*Service" }] }, { source: "SimpleService" })).toBe(true);
  });

  it("matches the documented event bus ARN wildcard", () => {
    // parity: content_wildcard_simplified ("arn:aws:events:us-east-1:*:event-bus/*")
    const pattern: EventPattern = { EventBusArn: [{ wildcard: "arn:aws:events:us-east-1:*:event-bus/*" }] };
    expect(
      matches(pattern, { EventBusArn: "arn:aws:events:us-east-1:123456789012:event-bus/myEventBus" }),
    ).toBe(true);
    expect(
      matches(pattern, { EventBusArn: "arn:aws:events:eu-west-1:123456789012:event-bus/myEventBus" }),
    ).toBe(false);
  });

  it("matches repeated segments after a star, and nothing more", () => {
    // parity: content_wildcard_repeating, content_wildcard_nonrepeating_NEG
    const doc = "/Users/ls_user/dir/dir/dir/dir/dir/doc.txt";
    expect(
      matches({ FileName: [{ wildcard: "/Users/*/dir/dir/dir/dir/dir/doc.txt" }] }, { FileName: doc }),
    ).toBe(true);
    expect(
      matches(
        { FileName: [{ wildcard: "/Users/*/doc.txt" }] },
        { FileName: "/Users/ls_user/dir/notmatchingdoc.txt" },
      ),
    ).toBe(false);
  });

  it("reads \\* as a literal star and \\\\ as a literal backslash", () => {
    // filtering: "The string \* represents the literal * character"; "The string \\ represents the literal \ character"
    expect(matches({ k: [{ wildcard: "a\\*b" }] }, { k: "a*b" })).toBe(true);
    expect(matches({ k: [{ wildcard: "a\\*b" }] }, { k: "axb" })).toBe(false);
    expect(matches({ k: [{ wildcard: "*\\\\" }] }, { k: "C:\\" })).toBe(true);
  });

  it("matches strings only", () => {
    expect(matches({ k: [{ wildcard: "1*" }] }, { k: 12 })).toBe(false);
  });
});

describe("$or", () => {
  it("matches when any branch matches", () => {
    // operators: "$or": [ { "Location": [ "New York" ] }, { "Day": [ "Monday" ] } ]
    const pattern: EventPattern = { $or: [{ Location: ["New York"] }, { Day: ["Monday"] }] };
    expect(matches(pattern, { Location: "New York", Day: "Friday" })).toBe(true);
    expect(matches(pattern, { Location: "Boston", Day: "Monday" })).toBe(true);
    expect(matches(pattern, { Location: "Boston", Day: "Friday" })).toBe(false);
  });

  it("ANDs $or with the other fields", () => {
    // ruler: "source" && ("metricName" || "namespace")
    const pattern: EventPattern = {
      source: ["aws.cloudwatch"],
      $or: [{ metricName: ["CPUUtilization", "ReadLatency"] }, { namespace: ["AWS/EC2", "AWS/ES"] }],
    };
    expect(matches(pattern, { source: "aws.cloudwatch", namespace: "AWS/ES" })).toBe(true);
    expect(matches(pattern, { source: "aws.s3", namespace: "AWS/ES" })).toBe(false);
    expect(matches(pattern, { source: "aws.cloudwatch", namespace: "AWS/S3" })).toBe(false);
  });

  it("applies $or at nested levels, in parallel with others", () => {
    // ruler ("Parallel Or"): ("metricName" || "namespace") && ("detail.source" || "detail.detail-type")
    const pattern: EventPattern = {
      $or: [{ metricName: ["CPUUtilization", "ReadLatency"] }, { namespace: ["AWS/EC2", "AWS/ES"] }],
      detail: { $or: [{ source: ["aws.cloudwatch"] }, { "detail-type": ["CloudWatch Alarm State Change"] }] },
    };
    expect(
      matches(pattern, {
        metricName: "ReadLatency",
        detail: { "detail-type": "CloudWatch Alarm State Change" },
      }),
    ).toBe(true);
    expect(matches(pattern, { metricName: "ReadLatency", detail: { source: "aws.s3" } })).toBe(false);
  });

  it("nests $or and AND inside $or branches", () => {
    // ruler ("Nested Or and And"):
    // "source" && ("metricName" || ("metricType" && "namespace" && ("metricId" || "spaceId")) || "scope")
    const pattern: EventPattern = {
      source: ["aws.cloudwatch"],
      $or: [
        { metricName: ["CPUUtilization", "ReadLatency"] },
        {
          metricType: ["MetricType"],
          namespace: ["AWS/EC2", "AWS/ES"],
          $or: [{ metricId: [1234] }, { spaceId: [1000] }],
        },
        { scope: ["Service"] },
      ],
    };
    const base = { source: "aws.cloudwatch", metricType: "MetricType", namespace: "AWS/EC2" };
    expect(matches(pattern, { ...base, spaceId: 1000 })).toBe(true);
    expect(matches(pattern, { ...base, spaceId: 999 })).toBe(false);
    expect(matches(pattern, { source: "aws.cloudwatch", scope: "Service" })).toBe(true);
  });

  it("combines anything-but and exists:false alternatives when the parent is missing", () => {
    // parity: or-exists-parent — "homemade" is absent, so anything-but fails and exists:false matches.
    const pattern: EventPattern = {
      dynamodb: { NewImage: { homemade: { S: [{ "anything-but": ["roses"] }, { exists: false }] } } },
    };
    expect(matches(pattern, { dynamodb: { NewImage: { purchased: { N: "789" } } } })).toBe(true);
    expect(matches(pattern, { dynamodb: { NewImage: { homemade: { S: "roses" } } } })).toBe(false);
    expect(matches(pattern, { dynamodb: { NewImage: { homemade: { S: "tulips" } } } })).toBe(true);
  });
});

describe("combined operators", () => {
  it("matches the documented complex example", () => {
    // filtering ("Complex example with multiple matching") with ruler's "source-ip" cidr added.
    const pattern: EventPattern = {
      time: [{ prefix: "2017-10-02" }],
      detail: {
        state: [{ "anything-but": "initializing" }],
        "c-count": [{ numeric: [">", 0, "<=", 5] }],
        "d-count": [{ numeric: ["<", 10] }],
        "x-limit": [{ "anything-but": [100, 200, 300] }],
        "source-ip": [{ cidr: "10.0.0.0/8" }],
      },
    };
    expect(matches(pattern, rulerEvent)).toBe(true);
    expect(matches(pattern, withDetail({ ...rulerEvent.detail, state: "initializing" }))).toBe(false);
    expect(matches(pattern, withDetail({ ...rulerEvent.detail, "source-ip": "11.0.0.1" }))).toBe(false);
  });

  it("mixes exact values and operators in one list", () => {
    // parity (put-events test): "admins": ["skyli", {"prefix": "hey"}, {"prefix": "ad"}] matches "admin".
    const pattern: EventPattern = { admins: ["skyli", { prefix: "hey" }, { prefix: "ad" }] };
    expect(matches(pattern, { admins: "admin" })).toBe(true);
    expect(matches(pattern, { admins: "skyli" })).toBe(true);
    expect(matches(pattern, { admins: "root" })).toBe(false);
  });
});

describe("compilePattern", () => {
  it("returns a reusable matcher", () => {
    const isTerminated = compilePattern({ detail: { state: ["terminated"] } });
    expect([ec2Event, rulerEvent].map(isTerminated)).toEqual([true, false]);
  });

  it("refuses an invalid pattern with every problem and its path", () => {
    const bad = { detail: { amount: [{ numeric: [">"] }], state: [] } } as unknown as EventPattern;
    const thrown = (() => {
      try {
        compilePattern(bad);
      } catch (e) {
        return e;
      }
    })();
    expect(thrown).toBeInstanceOf(InvalidEventPatternError);
    expect((thrown as InvalidEventPatternError).problems).toEqual([
      { path: "detail.amount", message: "numeric needs pairs of operator and number" },
      { path: "detail.state", message: "empty lists are not allowed: give at least one alternative" },
    ]);
  });
});
