import { BatchWriteCommand, type DynamoDBDocumentClient, QueryCommand } from "@aws-sdk/lib-dynamodb";

/** One date trigger's contacts due at one instant. */
export interface DueBucket {
  tenantId: string;
  automationId: string;
  trigger: number;
  due: string;
}

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

  private pk(b: DueBucket) {
    return `T#${b.tenantId}#DUE#${b.automationId}#${b.trigger}#${b.due}`;
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

  async add(bucket: DueBucket, contactIds: string[]): Promise<void> {
    const pk = this.pk(bucket);
    await this.batch(contactIds.map((sk) => ({ PutRequest: { Item: { pk, sk } } })));
  }

  async page(bucket: DueBucket, limit: number): Promise<string[]> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": this.pk(bucket) },
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((i) => String(i.sk));
  }

  async remove(bucket: DueBucket, contactIds: string[]): Promise<void> {
    const pk = this.pk(bucket);
    await this.batch(contactIds.map((sk) => ({ DeleteRequest: { Key: { pk, sk } } })));
  }
}
