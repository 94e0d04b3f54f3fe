import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { queryAll } from "../lambdas/aws/dynamo-util.js";
import type { Engine, Timers } from "../lambdas/ports.js";
import type { SegmentInput } from "../statemachines/contract.js";

/**
 * Timers as items in the store (`TIMERS / <at>#<token>`), fired by the virtual clock: each due
 * timer is deleted with a condition (so exactly one firing wins) and its segment started.
 * On AWS, EventBridge Scheduler one-time schedules do this.
 */
export class LocalTimers implements Timers {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly engine: Engine,
  ) {}

  async schedule(at: Date, input: SegmentInput): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: "TIMERS", sk: `${at.toISOString()}#${input.resume.token}`, at: at.toISOString(), input },
      }),
    );
  }

  /** Starts every segment whose time has come; returns how many. */
  async fireDue(now: Date): Promise<number> {
    let fired = 0;
    for (const item of await queryAll(this.db, this.tableName, "TIMERS", {
      beforeOrAt: `${now.toISOString()}#~`,
    })) {
      try {
        await this.db.send(
          new DeleteCommand({
            TableName: this.tableName,
            Key: { pk: "TIMERS", sk: item.sk },
            ConditionExpression: "attribute_exists(pk)",
          }),
        );
      } catch (e) {
        // Another firing took it: exactly one wins.
        if (e instanceof ConditionalCheckFailedException) continue;
        throw e;
      }
      await this.engine.start(item.input as SegmentInput);
      fired++;
    }
    return fired;
  }

  async pending(): Promise<number> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": "TIMERS" },
        Select: "COUNT",
      }),
    );
    return out.Count ?? 0;
  }
}
