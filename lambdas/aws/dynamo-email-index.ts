import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { EmailIndex } from "../ingress-ports.js";
import { conditional } from "./dynamo-util.js";

/** Contacts by email: `T#<t>#EMAIL#<lower-cased email> / -` → contactId (a get, never a scan). */
export class DynamoEmailIndex implements EmailIndex {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private key(tenantId: string, email: string) {
    return { pk: `T#${tenantId}#EMAIL#${email.trim().toLowerCase()}`, sk: "-" };
  }

  async contactOf(tenantId: string, email: string): Promise<string | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: this.key(tenantId, email) }),
    );
    return typeof out.Item?.contactId === "string" ? out.Item.contactId : undefined;
  }

  async put(tenantId: string, email: string, contactId: string): Promise<void> {
    await this.db.send(
      new PutCommand({ TableName: this.tableName, Item: { ...this.key(tenantId, email), contactId } }),
    );
  }

  async remove(tenantId: string, email: string, contactId: string): Promise<void> {
    // Only while it names this contact: another contact may have taken the address since.
    await conditional(
      this.db.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: this.key(tenantId, email),
          ConditionExpression: "contactId = :c",
          ExpressionAttributeValues: { ":c": contactId },
        }),
      ),
    );
  }
}
