import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Quotas, Reservation } from "../ports.js";

/**
 * Quota counters on DynamoDB: `ADD n :amount` with `n + amount <= cap` as the condition, so
 * the cap holds under any concurrency (no read-then-write).
 */
export class DynamoQuotas implements Quotas {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private key(key: string) {
    return { pk: `Q#${key}`, sk: "-" };
  }

  async reserve(key: string, cap: number, amount = 1): Promise<Reservation> {
    try {
      const out = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.key(key),
          UpdateExpression: "ADD n :amount",
          ConditionExpression: "attribute_not_exists(n) OR n <= :room",
          ExpressionAttributeValues: { ":amount": amount, ":room": cap - amount },
          ReturnValues: "UPDATED_NEW",
        }),
      );
      const used = Number(out.Attributes?.n ?? amount);
      // A first reservation larger than the cap passes attribute_not_exists: undo it.
      if (used > cap) {
        await this.release(key, amount);
        return { ok: false, used: used - amount };
      }
      return { ok: true, used };
    } catch (e) {
      if (e instanceof ConditionalCheckFailedException) return { ok: false, used: await this.used(key) };
      throw e;
    }
  }

  async release(key: string, amount = 1): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: this.key(key),
        UpdateExpression: "ADD n :minus",
        ExpressionAttributeValues: { ":minus": -amount },
      }),
    );
  }

  async used(key: string): Promise<number> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: this.key(key), ConsistentRead: true }),
    );
    return Number(out.Item?.n ?? 0);
  }
}
