import type { CreateTableCommandInput } from "@aws-sdk/client-dynamodb";

/**
 * One table for records, automations, enrollments, ledger, quotas and timers; every key starts
 * with the tenant (`T#<tenant>#…`) except the timer buckets, which the timer loop scans by time.
 * The same description creates the local table and (later) the CDK one.
 */
export const TABLE = {
  partitionKey: "pk",
  sortKey: "sk",
  /** "Who is where": enrollments by automation (`T#<tenant>#A#<id>#E`), then `<status>#<step>#<id>`. */
  byAutomation: { name: "gsi1", partitionKey: "gsi1pk", sortKey: "gsi1sk" },
} as const;

export function createTableInput(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [
      { AttributeName: TABLE.partitionKey, AttributeType: "S" },
      { AttributeName: TABLE.sortKey, AttributeType: "S" },
      { AttributeName: TABLE.byAutomation.partitionKey, AttributeType: "S" },
      { AttributeName: TABLE.byAutomation.sortKey, AttributeType: "S" },
    ],
    KeySchema: [
      { AttributeName: TABLE.partitionKey, KeyType: "HASH" },
      { AttributeName: TABLE.sortKey, KeyType: "RANGE" },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: TABLE.byAutomation.name,
        KeySchema: [
          { AttributeName: TABLE.byAutomation.partitionKey, KeyType: "HASH" },
          { AttributeName: TABLE.byAutomation.sortKey, KeyType: "RANGE" },
        ],
        // Listings show status, step and times; the trace is read per enrollment.
        Projection: {
          ProjectionType: "INCLUDE",
          NonKeyAttributes: [
            "id",
            "automationId",
            "version",
            "contactId",
            "status",
            "at",
            "until",
            "eng",
            "createdAt",
            "endedAt",
            "stats",
          ],
        },
      },
    ],
  };
}
