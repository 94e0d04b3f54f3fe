import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { User, Users } from "../ports.js";

/** Users at `T#<tenant>#U / <userId>`. */
export class DynamoUsers implements Users {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(tenantId: string, id: string) {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: `T#${tenantId}#U`, sk: id } }),
    );
    if (!out.Item) return undefined;
    const { pk: _pk, sk: _sk, ...user } = out.Item;
    return user as User;
  }

  async put(tenantId: string, user: User) {
    await this.db.send(
      new PutCommand({ TableName: this.tableName, Item: { pk: `T#${tenantId}#U`, sk: user.id, ...user } }),
    );
  }

  async list(tenantId: string) {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": `T#${tenantId}#U` },
      }),
    );
    return (out.Items ?? []).map(({ pk: _pk, sk: _sk, ...u }) => u as User);
  }
}
