import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import type { PageVisit } from "../core/page-visits.js";
import type { KeptVisit, Visitors } from "../ingress-ports.js";
import { queryAll } from "./dynamo-util.js";

/** How many anonymous visits a visitor keeps: enough to attribute, bounded against bots. */
export const KEPT_VISITS = 100;

/**
 * Visitors under `T#<t>#V#<visitorId>`: `link` → contactId, `count` (visits kept so far), and one
 * item per anonymous visit at `<at>#<n>`. Visit keys start with a digit (an ISO time), so
 * `sk < "a"` reads visits only, oldest first.
 */
export class DynamoVisitors implements Visitors {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private pk(tenantId: string, visitorId: string) {
    return `T#${tenantId}#V#${visitorId}`;
  }

  async contactOf(tenantId: string, visitorId: string): Promise<string | undefined> {
    const out = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: this.pk(tenantId, visitorId), sk: "link" },
        // Read after the visit was kept, this read must see a link written just before.
        ConsistentRead: true,
      }),
    );
    return typeof out.Item?.contactId === "string" ? out.Item.contactId : undefined;
  }

  async link(tenantId: string, visitorId: string, contactId: string): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: this.pk(tenantId, visitorId), sk: "link", contactId },
      }),
    );
  }

  async keep(tenantId: string, visitorId: string, visit: PageVisit): Promise<void> {
    const pk = this.pk(tenantId, visitorId);
    const counted = await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk, sk: "count" },
        UpdateExpression: "ADD n :one",
        ExpressionAttributeValues: { ":one": 1 },
        ReturnValues: "UPDATED_NEW",
      }),
    );
    const n = Number(counted.Attributes?.n ?? 1);
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk, sk: `${visit.at}#${String(n).padStart(10, "0")}`, visit },
      }),
    );
    if (n <= KEPT_VISITS) return;
    // One in, one out: drop the oldest. The counter saves counting the partition on every visit.
    const oldest = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: "pk = :pk AND sk < :a",
        ExpressionAttributeValues: { ":pk": pk, ":a": "a" },
        ProjectionExpression: "sk",
        Limit: 1,
      }),
    );
    const sk = oldest.Items?.[0]?.sk;
    if (typeof sk === "string") await this.forget(tenantId, visitorId, [sk]);
  }

  async kept(tenantId: string, visitorId: string): Promise<KeptVisit[]> {
    const items = await queryAll(this.db, this.tableName, this.pk(tenantId, visitorId), { beforeOrAt: "a" });
    return items.map((i) => ({ key: String(i.sk), visit: i.visit as PageVisit }));
  }

  async forget(tenantId: string, visitorId: string, keys: string[]): Promise<void> {
    const pk = this.pk(tenantId, visitorId);
    await Promise.all(
      keys.map((sk) => this.db.send(new DeleteCommand({ TableName: this.tableName, Key: { pk, sk } }))),
    );
  }
}
