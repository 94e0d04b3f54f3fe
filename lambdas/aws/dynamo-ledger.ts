import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Ledger, LedgerClaim, LedgerState } from "../ports.js";

/** The at-most-once ledger on DynamoDB: a conditional put claims, an update marks. */
export class DynamoLedger implements Ledger {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private key(key: string) {
    return { pk: `L#${key}`, sk: "-" };
  }

  async claim(key: string, at: Date): Promise<LedgerClaim> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...this.key(key), state: "claimed", claimedAt: at.toISOString() },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
      return { claimed: true };
    } catch (e) {
      if (!(e instanceof ConditionalCheckFailedException)) throw e;
      const out = await this.db.send(
        new GetCommand({ TableName: this.tableName, Key: this.key(key), ConsistentRead: true }),
      );
      return {
        claimed: false,
        state: (out.Item?.state ?? "claimed") as LedgerState,
        result: out.Item?.result,
      };
    }
  }

  async markDone(key: string, result: Record<string, unknown>, at: Date): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: this.key(key),
        UpdateExpression: "SET #s = :done, #r = :result, doneAt = :at",
        ConditionExpression: "attribute_exists(pk)",
        ExpressionAttributeNames: { "#s": "state", "#r": "result" },
        ExpressionAttributeValues: { ":done": "done", ":result": result, ":at": at.toISOString() },
      }),
    );
  }

  async markDeferred(key: string, until: Date): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: this.key(key),
        UpdateExpression: "SET #s = :deferred, #u = :until",
        ConditionExpression: "attribute_exists(pk)",
        ExpressionAttributeNames: { "#s": "state", "#u": "until" },
        ExpressionAttributeValues: { ":deferred": "deferred", ":until": until.toISOString() },
      }),
    );
  }
}
