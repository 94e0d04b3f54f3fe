import { type DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { User, Users } from "../ports.js";
import { queryAll, withoutKeys } from "./dynamo-util.js";

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
    return withoutKeys<User>(out.Item);
  }

  async put(tenantId: string, user: User) {
    await this.db.send(
      new PutCommand({ TableName: this.tableName, Item: { pk: `T#${tenantId}#U`, sk: user.id, ...user } }),
    );
  }

  async list(tenantId: string) {
    const items = await queryAll(this.db, this.tableName, `T#${tenantId}#U`);
    return items.map((i) => withoutKeys<User>(i) as User);
  }
}
