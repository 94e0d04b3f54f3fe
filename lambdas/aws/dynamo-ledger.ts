import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Ledger, LedgerClaim, LedgerKey, LedgerState, TraceEntry } from "../ports.js";
import { enrollmentKey } from "./dynamo-enrollments.js";
import { conditional } from "./dynamo-util.js";

/** One update of a visit's ledger entry: the expressions name it `fx.#v`. */
interface VisitUpdate {
  update: string;
  condition: string;
  names?: Record<string, string>;
  values: Record<string, unknown>;
}

/**
 * The at-most-once ledger on DynamoDB, kept in the enrollment's item (`fx.<step>#<token>`): a
 * conditional update claims a visit; marking it done appends the step's trace entry in the same
 * write, so a side-effecting step costs claim + effect + done.
 */
export class DynamoLedger implements Ledger {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async claim(key: LedgerKey, at: Date): Promise<LedgerClaim> {
    const claimed = await conditional(
      this.updateVisit(key, {
        update: "SET fx.#v = :c",
        condition: "attribute_exists(pk) AND attribute_not_exists(fx.#v)",
        values: { ":c": { state: "claimed", at: at.toISOString() } },
      }),
    );
    if (claimed) return { claimed: true };
    const out = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: enrollmentKey(key.tenantId, key.enrollmentId),
        ProjectionExpression: "fx.#v",
        ExpressionAttributeNames: { "#v": key.visit },
        ConsistentRead: true,
      }),
    );
    const entry = out.Item?.fx?.[key.visit] as
      | { state?: LedgerState; result?: Record<string, unknown> }
      | undefined;
    return { claimed: false, state: entry?.state ?? "claimed", result: entry?.result };
  }

  async markDone(
    key: LedgerKey,
    result: Record<string, unknown>,
    at: Date,
    trace: TraceEntry[] = [],
  ): Promise<void> {
    const traced = trace.length > 0;
    await this.updateVisit(key, {
      update: `SET fx.#v = :d${traced ? ", #t = list_append(#t, :e)" : ""}`,
      condition: "attribute_exists(fx.#v)",
      names: traced ? { "#t": "trace" } : {},
      values: { ":d": { state: "done", result, at: at.toISOString() }, ...(traced ? { ":e": trace } : {}) },
    });
  }

  async release(key: LedgerKey): Promise<void> {
    // Done or gone already: nothing to give back.
    await conditional(
      this.updateVisit(key, {
        update: "REMOVE fx.#v",
        condition: "fx.#v.#s = :claimed",
        names: { "#s": "state" },
        values: { ":claimed": "claimed" },
      }),
    );
  }

  async markDeferred(key: LedgerKey, until: Date): Promise<void> {
    await this.updateVisit(key, {
      update: "SET fx.#v = :d",
      condition: "attribute_exists(fx.#v)",
      values: { ":d": { state: "deferred", until: until.toISOString() } },
    });
  }

  private updateVisit(key: LedgerKey, u: VisitUpdate) {
    return this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: enrollmentKey(key.tenantId, key.enrollmentId),
        UpdateExpression: u.update,
        ConditionExpression: u.condition,
        ExpressionAttributeNames: { "#v": key.visit, ...u.names },
        ExpressionAttributeValues: u.values,
      }),
    );
  }
}
