import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import type { WriteKeys } from "../ingress-ports.js";
import { conditional } from "./dynamo-util.js";

const indexKey = (key: string) => ({ pk: `WK#${key}`, sk: "-" });

/**
 * Write keys on DynamoDB: an index item `WK#<key> / -` → tenantId (the one key not under a
 * tenant: the key is all a website sends), and the key on the workspace item `T#<t>#W / -` that
 * DynamoWorkspaces keeps, so `GET /workspace` shows it.
 */
export class DynamoWriteKeys implements WriteKeys {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async tenantOf(key: string): Promise<string | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.tableName, Key: indexKey(key) }));
    return typeof out.Item?.tenantId === "string" ? out.Item.tenantId : undefined;
  }

  async rotate(tenantId: string, previous: string | undefined, key: string): Promise<boolean> {
    const created = await conditional(
      this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...indexKey(key), tenantId },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      ),
    );
    if (!created) throw new Error("write key collision");
    // The old key dies before the workspace names the new one: a crash in between leaves a
    // workspace showing a dead key (rotate again), never a leaked key that still works.
    if (previous !== undefined) await this.drop(previous, tenantId);
    const named = await conditional(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: `T#${tenantId}#W`, sk: "-" },
          // A workspace never configured gets the defaults the API assumes for it.
          UpdateExpression: "SET #k = :k, #p = if_not_exists(#p, :p), #z = if_not_exists(#z, :z), #t = :t",
          ConditionExpression: previous === undefined ? "attribute_not_exists(#k)" : "#k = :prev",
          ExpressionAttributeNames: { "#k": "writeKey", "#p": "plan", "#z": "timezone", "#t": "tenantId" },
          ExpressionAttributeValues: {
            ":k": key,
            ":p": "trial",
            ":z": "UTC",
            ":t": tenantId,
            ...(previous === undefined ? {} : { ":prev": previous }),
          },
        }),
      ),
    );
    if (!named) await this.drop(key, tenantId);
    return named;
  }

  private async drop(key: string, tenantId: string): Promise<void> {
    await conditional(
      this.db.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: indexKey(key),
          ConditionExpression: "tenantId = :t",
          ExpressionAttributeValues: { ":t": tenantId },
        }),
      ),
    );
  }
}
