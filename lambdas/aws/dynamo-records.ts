import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import type { Origin, Page, Records, RecordType, StoredRecord } from "../ports.js";

const SYSTEM = new Set(["pk", "sk", "id", "version", "createdAt", "updatedAt", "_origin"]);

/** Thrown when a record changed between read and write; the caller retries. */
export class ConcurrentUpdateError extends Error {
  override readonly name = "ConcurrentUpdateError";
}

function strip(item: Record<string, unknown> | undefined): StoredRecord | undefined {
  if (!item) return undefined;
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest as StoredRecord;
}

/**
 * Told of each write with its exact images. Only the local runtime sets one, to stand in for
 * DynamoDB Streams, which dynalite lacks; on AWS the table's stream does this.
 */
export type ChangeFeed = (
  tenantId: string,
  type: RecordType,
  id: string,
  oldImage: StoredRecord | undefined,
  newImage: StoredRecord | undefined,
) => void;

/** Records in the one table: `pk = T#<tenant>#R#<type>`, `sk = <id>`. */
/** Writes tried over a fresher image before a concurrent update is an error. */
const UPDATE_ATTEMPTS = 4;

export class DynamoRecords implements Records {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly changes: ChangeFeed = () => {},
  ) {}

  private key(tenantId: string, type: RecordType, id: string) {
    return { pk: `T#${tenantId}#R#${type}`, sk: id };
  }

  async create(
    tenantId: string,
    type: RecordType,
    id: string,
    fields: Record<string, unknown>,
    at: Date,
    origin?: Origin,
  ) {
    const now = at.toISOString();
    const clean = Object.fromEntries(Object.entries(fields).filter(([k, v]) => !SYSTEM.has(k) && v !== null));
    const item = {
      ...this.key(tenantId, type, id),
      ...clean,
      id,
      version: 1,
      createdAt: now,
      updatedAt: now,
      ...(origin ? { _origin: origin } : {}),
    };
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: item,
        ConditionExpression: "attribute_not_exists(pk)",
      }),
    );
    const created = strip(item) as StoredRecord;
    this.changes(tenantId, type, id, undefined, created);
    return created;
  }

  async get(tenantId: string, type: RecordType, id: string) {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: this.key(tenantId, type, id), ConsistentRead: true }),
    );
    return strip(out.Item);
  }

  async update(
    tenantId: string,
    type: RecordType,
    id: string,
    fields: Record<string, unknown> | ((current: StoredRecord) => Record<string, unknown>),
    at: Date,
    origin?: Origin,
    known?: StoredRecord,
  ): Promise<StoredRecord | undefined> {
    const over = (image: StoredRecord) => (typeof fields === "function" ? fields(image) : fields);
    let image = known;
    for (let attempt = 1; ; attempt++) {
      image ??= await this.get(tenantId, type, id);
      if (!image) return undefined;
      try {
        return await this.write(tenantId, type, id, over(image), at, origin, image);
      } catch (e) {
        // Another write came first: read it, and write over that (a few times, then give up).
        if (!(e instanceof ConcurrentUpdateError) || attempt >= UPDATE_ATTEMPTS) throw e;
        image = undefined;
      }
    }
  }

  private async write(
    tenantId: string,
    type: RecordType,
    id: string,
    fields: Record<string, unknown>,
    at: Date,
    origin: Origin | undefined,
    current: StoredRecord,
  ): Promise<StoredRecord> {
    const names: Record<string, string> = { "#v": "version", "#u": "updatedAt", "#o": "_origin" };
    const values: Record<string, unknown> = { ":v": current.version, ":one": 1, ":u": at.toISOString() };
    const sets = ["#u = :u"];
    // Every write says who made it: an automation's origin, or none (a person) which clears it.
    const removes: string[] = origin ? [] : ["#o"];
    if (origin) {
      values[":o"] = origin;
      sets.push("#o = :o");
    }
    Object.entries(fields)
      .filter(([k]) => !SYSTEM.has(k))
      .forEach(([k, v], i) => {
        names[`#f${i}`] = k;
        if (v === null) removes.push(`#f${i}`);
        else {
          values[`:f${i}`] = v;
          sets.push(`#f${i} = :f${i}`);
        }
      });
    try {
      const out = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.key(tenantId, type, id),
          UpdateExpression: `SET ${sets.join(", ")} ADD #v :one${removes.length ? ` REMOVE ${removes.join(", ")}` : ""}`,
          ConditionExpression: "#v = :v",
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: "ALL_NEW",
        }),
      );
      const updated = strip(out.Attributes) as StoredRecord;
      // The write was conditional on the version read: `current` is exactly the old image.
      this.changes(tenantId, type, id, current, updated);
      return updated;
    } catch (e) {
      if (e instanceof ConditionalCheckFailedException)
        throw new ConcurrentUpdateError(`${type} ${id} changed meanwhile`, { cause: e });
      throw e;
    }
  }

  async delete(tenantId: string, type: RecordType, id: string) {
    const out = await this.db.send(
      new DeleteCommand({
        TableName: this.tableName,
        Key: this.key(tenantId, type, id),
        ReturnValues: "ALL_OLD",
      }),
    );
    const removed = strip(out.Attributes);
    if (removed) this.changes(tenantId, type, id, removed, undefined);
    return removed;
  }

  async list(
    tenantId: string,
    type: RecordType,
    options: { limit?: number; next?: string } = {},
  ): Promise<Page<StoredRecord>> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": `T#${tenantId}#R#${type}` },
        Limit: Math.min(Math.max(options.limit ?? 50, 1), 200),
        ...(options.next
          ? { ExclusiveStartKey: JSON.parse(Buffer.from(options.next, "base64url").toString("utf8")) }
          : {}),
      }),
    );
    const items = (out.Items ?? []).map((i) => strip(i) as StoredRecord);
    return out.LastEvaluatedKey
      ? { items, next: Buffer.from(JSON.stringify(out.LastEvaluatedKey)).toString("base64url") }
      : { items };
  }
}
