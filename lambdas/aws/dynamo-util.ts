import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { type DynamoDBDocumentClient, QueryCommand } from "@aws-sdk/lib-dynamodb";

/** Runs a conditional write: true when it happened, false when its condition failed. */
export async function conditional(write: Promise<unknown>): Promise<boolean> {
  return (await written(write)) !== undefined;
}

/** Runs a conditional write: its output (`ReturnValues`) when it happened, undefined when its condition failed. */
export async function written<T>(write: Promise<T>): Promise<T | undefined> {
  try {
    return await write;
  } catch (e) {
    if (e instanceof ConditionalCheckFailedException) return undefined;
    throw e;
  }
}

/** An item without its table keys. */
export function withoutKeys<T>(item: Record<string, unknown> | undefined): T | undefined {
  if (!item) return undefined;
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest as T;
}

/**
 * Every item of one partition, following `LastEvaluatedKey` (a query returns at most 1 MB a page).
 */
export async function queryAll(
  db: DynamoDBDocumentClient,
  tableName: string,
  pk: string,
  options: { beforeOrAt?: string } = {},
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: options.beforeOrAt === undefined ? "pk = :pk" : "pk = :pk AND sk <= :sk",
        ExpressionAttributeValues: {
          ":pk": pk,
          ...(options.beforeOrAt === undefined ? {} : { ":sk": options.beforeOrAt }),
        },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}
