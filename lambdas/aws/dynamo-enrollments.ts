import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Enrollment, EnrollmentStatus, Enrollments, TraceEntry } from "../ports.js";
import { conditional } from "./dynamo-util.js";

/** Enrollments at `T#<tenant>#E#<id> / -`; the trace is a list appended to in place. */
export class DynamoEnrollments implements Enrollments {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private key(tenantId: string, id: string) {
    return { pk: `T#${tenantId}#E#${id}`, sk: "-" };
  }

  create(e: Enrollment) {
    return conditional(
      this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...this.key(e.tenantId, e.id), ...e },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      ),
    );
  }

  async get(tenantId: string, id: string) {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: this.key(tenantId, id), ConsistentRead: true }),
    );
    if (!out.Item) return undefined;
    const { pk: _pk, sk: _sk, ...rest } = out.Item;
    return rest as Enrollment;
  }

  claim(tenantId: string, id: string, token: string) {
    return conditional(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.key(tenantId, id),
          UpdateExpression: "REMOVE pendingToken SET liveToken = :t",
          ConditionExpression: "pendingToken = :t AND #s = :active",
          ExpressionAttributeNames: { "#s": "status" },
          ExpressionAttributeValues: { ":t": token, ":active": "active" },
        }),
      ),
    );
  }

  async expect(tenantId: string, id: string, token: string) {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: this.key(tenantId, id),
        UpdateExpression: "SET pendingToken = :t",
        ConditionExpression: "attribute_exists(pk)",
        ExpressionAttributeValues: { ":t": token },
      }),
    );
  }

  async trace(tenantId: string, id: string, entries: TraceEntry[]) {
    if (entries.length === 0) return;
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: this.key(tenantId, id),
        UpdateExpression: "SET #t = list_append(#t, :e)",
        ExpressionAttributeNames: { "#t": "trace" },
        ExpressionAttributeValues: { ":e": entries },
      }),
    );
  }

  async finish(tenantId: string, id: string, status: Exclude<EnrollmentStatus, "active">, entry: TraceEntry) {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: this.key(tenantId, id),
        UpdateExpression: "SET #s = :s, #t = list_append(#t, :e) REMOVE pendingToken",
        ExpressionAttributeNames: { "#s": "status", "#t": "trace" },
        ExpressionAttributeValues: { ":s": status, ":e": [entry] },
      }),
    );
  }
}
