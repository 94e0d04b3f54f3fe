import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import type { SegmentInput } from "../../statemachines/contract.js";
import type {
  Cursor,
  Enrollment,
  EnrollmentQuery,
  EnrollmentStatus,
  Enrollments,
  Page,
  TraceEntry,
} from "../ports.js";
import { conditional, queryAll, withoutKeys, written } from "./dynamo-util.js";
import { TABLE } from "./table.js";

/** Where an enrollment's item lives: `T#<tenant>#E#<id> / -`. */
export const enrollmentKey = (tenantId: string, id: string) => ({ pk: `T#${tenantId}#E#${id}`, sk: "-" });
const byAutomation = (tenantId: string, automationId: string) => `T#${tenantId}#A#${automationId}#E`;
/** The listing sort key: status, then the step it is at, so "who is where" is one query. */
const place = (status: string, step: string, id: string) => `${status}#${step}#${id}`;
const encodePage = (key: Record<string, unknown> | undefined) =>
  key ? Buffer.from(JSON.stringify(key)).toString("base64url") : undefined;

/**
 * Enrollments on DynamoDB. The item holds the cursor (`at`, `pendingToken`, `timer`), the ledger of
 * step visits (`fx`), engagement (`eng`) and the trace; the `gsi1` index lists an automation's
 * enrollments by status and step. Re-entry is decided on a membership item per (automation,
 * contact): `T#<tenant>#M#<automation> / <contact>`.
 */
export class DynamoEnrollments implements Enrollments {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  create(e: Enrollment) {
    return conditional(
      this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...enrollmentKey(e.tenantId, e.id),
            fx: {},
            eng: {},
            at: "",
            ...e,
            gsi1pk: byAutomation(e.tenantId, e.automationId),
            gsi1sk: place(e.status, e.at ?? "", e.id),
          },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      ),
    );
  }

  async get(tenantId: string, id: string) {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: enrollmentKey(tenantId, id), ConsistentRead: true }),
    );
    return clean(out.Item);
  }

  async claim(tenantId: string, id: string, token: string, entries: TraceEntry[] = []) {
    const traced = entries.length > 0;
    const out = await written(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: enrollmentKey(tenantId, id),
          UpdateExpression: `REMOVE pendingToken, #timer SET liveToken = :t${traced ? ", #tr = list_append(#tr, :e)" : ""}`,
          ConditionExpression: "pendingToken = :t AND #s = :active",
          ExpressionAttributeNames: {
            "#s": "status",
            "#timer": "timer",
            ...(traced ? { "#tr": "trace" } : {}),
          },
          ExpressionAttributeValues: {
            ":t": token,
            ":active": "active",
            ...(traced ? { ":e": entries } : {}),
          },
          ReturnValues: "ALL_NEW",
        }),
      ),
    );
    return out && clean(out.Attributes);
  }

  expect(tenantId: string, id: string, cursor: Cursor, entries: TraceEntry[] = []) {
    const names: Record<string, string> = { "#s": "status", "#at": "at", "#g": "gsi1sk" };
    const values: Record<string, unknown> = {
      ":t": cursor.token,
      ":step": cursor.step,
      ":g": place("active", cursor.step, id),
      ":active": "active",
    };
    const sets = ["pendingToken = :t", "#at = :step", "#g = :g"];
    const removes: string[] = [];
    if (cursor.until) {
      values[":u"] = cursor.until;
      sets.push("#u = :u");
    } else removes.push("#u");
    names["#u"] = "until";
    if (cursor.timer) {
      values[":timer"] = cursor.timer;
      sets.push("#timer = :timer");
    } else removes.push("#timer");
    names["#timer"] = "timer";
    if (entries.length > 0) {
      names["#tr"] = "trace";
      values[":e"] = entries;
      sets.push("#tr = list_append(#tr, :e)");
    }
    return conditional(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: enrollmentKey(tenantId, id),
          UpdateExpression: `SET ${sets.join(", ")}${removes.length ? ` REMOVE ${removes.join(", ")}` : ""}`,
          ConditionExpression: "#s = :active",
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      ),
    );
  }

  async trace(tenantId: string, id: string, entries: TraceEntry[]) {
    if (entries.length === 0) return;
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: enrollmentKey(tenantId, id),
        UpdateExpression: "SET #t = list_append(#t, :e)",
        ConditionExpression: "attribute_exists(pk)",
        ExpressionAttributeNames: { "#t": "trace" },
        ExpressionAttributeValues: { ":e": entries },
      }),
    );
  }

  finish(
    tenantId: string,
    id: string,
    status: Exclude<EnrollmentStatus, "active">,
    entry: TraceEntry,
    earlier: TraceEntry[] = [],
  ) {
    const step = entry.step ?? "";
    return conditional(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: enrollmentKey(tenantId, id),
          UpdateExpression:
            "SET #s = :s, #at = :step, endedAt = :now, #g = :g, #t = list_append(#t, :e) REMOVE pendingToken, #u",
          ConditionExpression: "#s = :active",
          ExpressionAttributeNames: {
            "#s": "status",
            "#t": "trace",
            "#at": "at",
            "#g": "gsi1sk",
            "#u": "until",
          },
          ExpressionAttributeValues: {
            ":s": status,
            ":e": [...earlier, entry],
            ":step": step,
            ":now": entry.at,
            ":g": place(status, step, id),
            ":active": "active",
          },
        }),
      ),
    );
  }

  engage(tenantId: string, id: string, stepId: string, kind: string) {
    return conditional(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: enrollmentKey(tenantId, id),
          UpdateExpression: "SET eng.#k = :yes",
          ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(eng.#k)",
          ExpressionAttributeNames: { "#k": `${stepId}|${kind}` },
          ExpressionAttributeValues: { ":yes": true },
        }),
      ),
    );
  }

  async list(tenantId: string, automationId: string, query: EnrollmentQuery = {}): Promise<Page<Enrollment>> {
    const prefix = query.status ? `${query.status}#${query.step !== undefined ? `${query.step}#` : ""}` : "";
    const stepFilter = !query.status && query.step !== undefined;
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: TABLE.byAutomation.name,
        KeyConditionExpression: prefix ? "gsi1pk = :pk AND begins_with(gsi1sk, :p)" : "gsi1pk = :pk",
        ...(stepFilter ? { FilterExpression: "#at = :step", ExpressionAttributeNames: { "#at": "at" } } : {}),
        ExpressionAttributeValues: {
          ":pk": byAutomation(tenantId, automationId),
          ...(prefix ? { ":p": prefix } : {}),
          ...(stepFilter ? { ":step": query.step } : {}),
        },
        Limit: Math.min(Math.max(query.limit ?? 100, 1), 1000),
        ...(query.next
          ? { ExclusiveStartKey: JSON.parse(Buffer.from(query.next, "base64url").toString("utf8")) }
          : {}),
      }),
    );
    const items = (out.Items ?? []).map((i) => clean(i) as Enrollment);
    const next = encodePage(out.LastEvaluatedKey);
    return next ? { items, next } : { items };
  }

  async reopen(tenantId: string, id: string, step: string, entry: TraceEntry) {
    const out = await written(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: enrollmentKey(tenantId, id),
          UpdateExpression:
            "SET #s = :active, pendingToken = liveToken, #at = :step, #g = :g, #t = list_append(#t, :e) REMOVE endedAt",
          ConditionExpression: "#s = :failed AND attribute_exists(liveToken)",
          ExpressionAttributeNames: { "#s": "status", "#at": "at", "#g": "gsi1sk", "#t": "trace" },
          ExpressionAttributeValues: {
            ":active": "active",
            ":failed": "failed",
            ":step": step,
            ":g": place("active", step, id),
            ":e": [entry],
          },
          ReturnValues: "ALL_NEW",
        }),
      ),
    );
    return out && String(out.Attributes?.pendingToken);
  }

  migrate(tenantId: string, id: string, fromVersion: number, toVersion: number) {
    return conditional(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: enrollmentKey(tenantId, id),
          UpdateExpression: "SET version = :to",
          ConditionExpression: "version = :from AND #s = :active AND attribute_exists(pendingToken)",
          ExpressionAttributeNames: { "#s": "status" },
          ExpressionAttributeValues: { ":to": toVersion, ":from": fromVersion, ":active": "active" },
        }),
      ),
    );
  }

  async park(tenantId: string, automationId: string, enrollmentId: string, input: SegmentInput) {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: `T#${tenantId}#PARK#${automationId}`, sk: enrollmentId, input },
      }),
    );
  }

  async unpark(tenantId: string, automationId: string): Promise<SegmentInput[]> {
    const pk = `T#${tenantId}#PARK#${automationId}`;
    const out: SegmentInput[] = [];
    for (const item of await queryAll(this.db, this.tableName, pk)) {
      const taken = await conditional(
        this.db.send(
          new DeleteCommand({
            TableName: this.tableName,
            Key: { pk, sk: item.sk },
            ConditionExpression: "attribute_exists(pk)",
          }),
        ),
      );
      if (taken) out.push(item.input as SegmentInput);
    }
    return out;
  }

  async admit(
    tenantId: string,
    automationId: string,
    contactId: string,
    enrollmentId: string,
    reentry: "never" | "always" | { afterMs: number },
    now: Date,
  ): Promise<boolean> {
    const key = { pk: `T#${tenantId}#M#${automationId}`, sk: contactId };
    const put = (condition: string, values: Record<string, unknown>) =>
      conditional(
        this.db.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { ...key, enrollmentId, enteredAt: now.toISOString() },
            ConditionExpression: condition,
            ExpressionAttributeValues: { ":id": enrollmentId, ...values },
          }),
        ),
      );
    // First entry, or this same entry again (a redelivered event that crashed half-way).
    if (await put("attribute_not_exists(pk) OR enrollmentId = :id", {})) return true;
    if (reentry === "never") return false;
    const member = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
    );
    const previous = member.Item as { enrollmentId: string; enteredAt: string } | undefined;
    if (!previous) return false;
    const before = await this.get(tenantId, previous.enrollmentId);
    if (before?.status === "active") return false; // one enrollment at a time
    if (reentry !== "always" && Date.parse(previous.enteredAt) + reentry.afterMs > now.getTime())
      return false;
    // Swap only if nobody else re-entered meanwhile.
    return put("enrollmentId = :prev OR enrollmentId = :id", { ":prev": previous.enrollmentId });
  }
}

function clean(item: Record<string, unknown> | undefined): Enrollment | undefined {
  const e = withoutKeys<Record<string, unknown>>(item);
  if (!e) return undefined;
  const { gsi1pk: _p, gsi1sk: _s, liveToken: _l, ...rest } = e;
  return rest as unknown as Enrollment;
}
