import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Ledger, LedgerClaim, LedgerKey, LedgerState, TraceEntry } from "../ports.js";
import { enrollmentKey } from "./dynamo-enrollments.js";
import { conditional } from "./dynamo-util.js";

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
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: enrollmentKey(key.tenantId, key.enrollmentId),
          UpdateExpression: "SET fx.#v = :c",
          ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(fx.#v)",
          ExpressionAttributeNames: { "#v": key.visit },
          ExpressionAttributeValues: { ":c": { state: "claimed", at: at.toISOString() } },
        }),
      );
      return { claimed: true };
    } catch (e) {
      if (!(e instanceof ConditionalCheckFailedException)) throw e;
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
  }

  async markDone(
    key: LedgerKey,
    result: Record<string, unknown>,
    at: Date,
    trace: TraceEntry[] = [],
  ): Promise<void> {
    const traced = trace.length > 0;
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: enrollmentKey(key.tenantId, key.enrollmentId),
        UpdateExpression: `SET fx.#v = :d${traced ? ", #t = list_append(#t, :e)" : ""}`,
        ConditionExpression: "attribute_exists(fx.#v)",
        ExpressionAttributeNames: { "#v": key.visit, ...(traced ? { "#t": "trace" } : {}) },
        ExpressionAttributeValues: {
          ":d": { state: "done", result, at: at.toISOString() },
          ...(traced ? { ":e": trace } : {}),
        },
      }),
    );
  }

  async release(key: LedgerKey): Promise<void> {
    // Done or gone already: nothing to give back.
    await conditional(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: enrollmentKey(key.tenantId, key.enrollmentId),
          UpdateExpression: "REMOVE fx.#v",
          ConditionExpression: "fx.#v.#s = :claimed",
          ExpressionAttributeNames: { "#v": key.visit, "#s": "state" },
          ExpressionAttributeValues: { ":claimed": "claimed" },
        }),
      ),
    );
  }

  async markDeferred(key: LedgerKey, until: Date): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: enrollmentKey(key.tenantId, key.enrollmentId),
        UpdateExpression: "SET fx.#v = :d",
        ConditionExpression: "attribute_exists(fx.#v)",
        ExpressionAttributeNames: { "#v": key.visit },
        ExpressionAttributeValues: { ":d": { state: "deferred", until: until.toISOString() } },
      }),
    );
  }
}
