import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { TimerPayload, Timers } from "../lambdas/ports.js";

const PK = "TIMERS";
const skOf = (at: Date, name: string) => `${at.toISOString()}#${name}`;

/**
 * Timers as items in the store (`TIMERS / <at>#<name>`), fired by the virtual clock: each due
 * timer is deleted with a condition (so exactly one firing wins) and handed to the timer handler.
 * On AWS, EventBridge Scheduler one-time schedules (named by `name`) do this.
 */
export class LocalTimers implements Timers {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly fire: (payload: TimerPayload) => Promise<unknown>,
  ) {}

  async schedule(at: Date, name: string, payload: TimerPayload): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: PK, sk: skOf(at, name), at: at.toISOString(), payload },
      }),
    );
  }

  async cancel(at: Date, name: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: { pk: PK, sk: skOf(at, name) } }));
  }

  /** Up to `limit` timers due at or before `by`, earliest first. */
  private async due(by: Date, limit: number): Promise<Record<string, unknown>[]> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: "pk = :pk AND sk <= :sk",
        ExpressionAttributeValues: { ":pk": PK, ":sk": `${by.toISOString()}#~` },
        Limit: limit,
      }),
    );
    return out.Items ?? [];
  }

  /** The earliest timer due at or before `by`, if any. */
  async nextDue(by: Date): Promise<Date | undefined> {
    const at = (await this.due(by, 1))[0]?.at;
    return typeof at === "string" ? new Date(at) : undefined;
  }

  /** Fires every timer due at `now`, a page at a time; returns how many. */
  async fireDue(now: Date): Promise<number> {
    let fired = 0;
    for (;;) {
      const items = await this.due(now, 500);
      if (items.length === 0) return fired;
      await Promise.all(
        items.map(async (item) => {
          try {
            await this.db.send(
              new DeleteCommand({
                TableName: this.tableName,
                Key: { pk: PK, sk: item.sk },
                ConditionExpression: "attribute_exists(pk)",
              }),
            );
          } catch (e) {
            // Another firing took it: exactly one wins.
            if (e instanceof ConditionalCheckFailedException) return;
            throw e;
          }
          await this.fire(item.payload as TimerPayload);
          fired++;
        }),
      );
    }
  }

  async pending(): Promise<number> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": PK },
        Select: "COUNT",
      }),
    );
    return out.Count ?? 0;
  }
}
