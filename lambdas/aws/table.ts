import type { CreateTableCommandInput } from "@aws-sdk/client-dynamodb";

/**
 * One table for records, automations, enrollments, ledger, quotas and timers; every key starts
 * with the tenant (`T#<tenant>#…`) except the timer buckets, which the timer loop scans by time.
 * The same description creates the local table and (later) the CDK one.
 */
export const TABLE = {
  partitionKey: "pk",
  sortKey: "sk",
} as const;

export function createTableInput(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [
      { AttributeName: TABLE.partitionKey, AttributeType: "S" },
      { AttributeName: TABLE.sortKey, AttributeType: "S" },
    ],
    KeySchema: [
      { AttributeName: TABLE.partitionKey, KeyType: "HASH" },
      { AttributeName: TABLE.sortKey, KeyType: "RANGE" },
    ],
  };
}
