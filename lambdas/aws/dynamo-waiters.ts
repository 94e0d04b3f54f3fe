import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { Waiter, Waiters } from "../ports.js";
import { conditional, withoutKeys } from "./dynamo-util.js";

/**
 * Waiters by contact (`T#<tenant>#WAIT#<contact> / <enrollment>`): an event for a contact finds
 * its waiters in one query; the conditional delete on the token decides between the event and
 * the timeout.
 */
export class DynamoWaiters implements Waiters {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private key(tenantId: string, contactId: string, enrollmentId: string) {
    return { pk: `T#${tenantId}#WAIT#${contactId}`, sk: enrollmentId };
  }

  async put(w: Waiter): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...this.key(w.tenantId, w.contactId, w.enrollmentId), ...w },
      }),
    );
  }

  async forContact(tenantId: string, contactId: string): Promise<Waiter[]> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": `T#${tenantId}#WAIT#${contactId}` },
      }),
    );
    return (out.Items ?? []).map((i) => withoutKeys<Waiter>(i) as Waiter);
  }

  take(tenantId: string, contactId: string, enrollmentId: string, token: string): Promise<boolean> {
    return conditional(
      this.db.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: this.key(tenantId, contactId, enrollmentId),
          ConditionExpression: "#t = :t",
          ExpressionAttributeNames: { "#t": "token" },
          ExpressionAttributeValues: { ":t": token },
        }),
      ),
    );
  }
}
