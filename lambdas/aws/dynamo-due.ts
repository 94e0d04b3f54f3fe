import { BatchWriteCommand, type DynamoDBDocumentClient, QueryCommand } from "@aws-sdk/lib-dynamodb";

/**
 * Due buckets of date triggers: the contacts to start at one instant,
 * `T#<tenant>#DUE#<automation>#<trigger>#<instant> / <contact>`. A fixed-date blast sorts its
 * audience into one bucket per distinct local-time instant (about 40 for "10:00 in each contact's
 * zone"), so it needs one timer per bucket, never one per contact.
 */
export class DynamoDueBuckets {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private pk(tenantId: string, automationId: string, trigger: number, due: string) {
    return `T#${tenantId}#DUE#${automationId}#${trigger}#${due}`;
  }

  private async batch(requests: Record<string, unknown>[]): Promise<void> {
    for (let i = 0; i < requests.length; i += 25) {
      let items: Record<string, unknown>[] | undefined = requests.slice(i, i + 25);
      // Unprocessed items come back under load: send them again.
      for (let round = 0; items && items.length > 0 && round < 10; round++) {
        const out = await this.db.send(
          new BatchWriteCommand({ RequestItems: { [this.tableName]: items as never } }),
        );
        items = out.UnprocessedItems?.[this.tableName] as Record<string, unknown>[] | undefined;
      }
    }
  }

  async add(
    tenantId: string,
    automationId: string,
    trigger: number,
    due: string,
    contactIds: string[],
  ): Promise<void> {
    const pk = this.pk(tenantId, automationId, trigger, due);
    await this.batch(contactIds.map((sk) => ({ PutRequest: { Item: { pk, sk } } })));
  }

  async page(
    tenantId: string,
    automationId: string,
    trigger: number,
    due: string,
    limit: number,
  ): Promise<string[]> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": this.pk(tenantId, automationId, trigger, due) },
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((i) => String(i.sk));
  }

  async remove(
    tenantId: string,
    automationId: string,
    trigger: number,
    due: string,
    contactIds: string[],
  ): Promise<void> {
    const pk = this.pk(tenantId, automationId, trigger, due);
    await this.batch(contactIds.map((sk) => ({ DeleteRequest: { Key: { pk, sk } } })));
  }
}
