import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { Secrets } from "../ports.js";

/**
 * Webhook signing secrets (`whsec_…`), created on first use and stored encrypted with
 * AES-256-GCM under a key the deployment provides (a KMS data key on AWS, the local key here).
 */
export class DynamoSecrets implements Secrets {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly key: Uint8Array,
  ) {}

  private seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv);
    const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64");
  }

  private open(sealed: string): string {
    const raw = Buffer.from(sealed, "base64");
    const decipher = createDecipheriv("aes-256-gcm", this.key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  }

  async find(tenantId: string, name: string): Promise<string | undefined> {
    const found = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: `T#${tenantId}#S`, sk: name },
        ConsistentRead: true,
      }),
    );
    return found.Item ? this.open(String(found.Item.sealed)) : undefined;
  }

  async get(tenantId: string, name: string): Promise<string> {
    const key = { pk: `T#${tenantId}#S`, sk: name };
    const found = await this.find(tenantId, name);
    if (found !== undefined) return found;
    const secret = `whsec_${randomBytes(24).toString("base64")}`;
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...key, sealed: this.seal(secret) },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
      return secret;
    } catch (e) {
      if (e instanceof ConditionalCheckFailedException) return this.get(tenantId, name);
      throw e;
    }
  }
}
