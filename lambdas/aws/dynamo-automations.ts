import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type {
  AutomationHead,
  AutomationStatus,
  Automations,
  AutomationVersion,
  Workspace,
  Workspaces,
} from "../ports.js";
import { conditional, queryAll, withoutKeys } from "./dynamo-util.js";

const versionKey = (n: number) => `V#${String(n).padStart(6, "0")}`;

/** Heads at `T#<tenant>#A / <id>`, versions at `T#<tenant>#A#<id> / V#000001`. */
export class DynamoAutomations implements Automations {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private head(tenantId: string, id: string) {
    return { pk: `T#${tenantId}#A`, sk: id };
  }

  async create(tenantId: string, head: AutomationHead, first: AutomationVersion): Promise<boolean> {
    // Version first: a head never points at a version that is not there.
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: `T#${tenantId}#A#${head.id}`, sk: versionKey(1), ...first },
      }),
    );
    return conditional(
      this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...this.head(tenantId, head.id), ...head },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      ),
    );
  }

  async get(tenantId: string, id: string) {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: this.head(tenantId, id), ConsistentRead: true }),
    );
    return withoutKeys<AutomationHead>(out.Item);
  }

  async list(tenantId: string) {
    const items = await queryAll(this.db, this.tableName, `T#${tenantId}#A`);
    return items.map((i) => withoutKeys<AutomationHead>(i) as AutomationHead);
  }

  async version(tenantId: string, id: string, version: number) {
    const out = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: `T#${tenantId}#A#${id}`, sk: versionKey(version) },
      }),
    );
    return withoutKeys<AutomationVersion>(out.Item);
  }

  async addVersion(tenantId: string, id: string, expectedLatest: number, v: AutomationVersion, name: string) {
    const written = await conditional(
      this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: `T#${tenantId}#A#${id}`, sk: versionKey(v.version), ...v },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      ),
    );
    if (!written) return false;
    return conditional(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.head(tenantId, id),
          UpdateExpression: "SET latestVersion = :v, #n = :name, updatedAt = :at",
          ConditionExpression: "latestVersion = :expected",
          ExpressionAttributeNames: { "#n": "name" },
          ExpressionAttributeValues: {
            ":v": v.version,
            ":expected": expectedLatest,
            ":name": name,
            ":at": v.createdAt,
          },
        }),
      ),
    );
  }

  /** Told when an automation is activated, paused or resumed (the local router drops its index). */
  onStatusChange?: (tenantId: string) => void;

  async setStatus(
    tenantId: string,
    id: string,
    status: AutomationStatus,
    activeVersion: number | undefined,
    at: Date,
  ) {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: this.head(tenantId, id),
        UpdateExpression: `SET #s = :s, updatedAt = :at${activeVersion === undefined ? "" : ", activeVersion = :v"}`,
        ConditionExpression: "attribute_exists(pk)",
        ExpressionAttributeNames: { "#s": "status" },
        ExpressionAttributeValues: {
          ":s": status,
          ":at": at.toISOString(),
          ...(activeVersion === undefined ? {} : { ":v": activeVersion }),
        },
      }),
    );
    this.onStatusChange?.(tenantId);
  }
}

/** One item per workspace: `T#<tenant>#W / -`. */
export class DynamoWorkspaces implements Workspaces {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(tenantId: string) {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: `T#${tenantId}#W`, sk: "-" } }),
    );
    return withoutKeys<Workspace>(out.Item);
  }

  /** Called after a put (the local runtime drops what its containers cached). */
  onChange?: (tenantId: string) => void;

  /** Sets the fields given and keeps the others (the write key, set apart, survives). */
  async put(workspace: Workspace) {
    const fields = Object.entries(workspace).filter(([, v]) => v !== undefined);
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: `T#${workspace.tenantId}#W`, sk: "-" },
        UpdateExpression: `SET ${fields.map((_, i) => `#f${i} = :v${i}`).join(", ")}`,
        ExpressionAttributeNames: Object.fromEntries(fields.map(([k], i) => [`#f${i}`, k])),
        ExpressionAttributeValues: Object.fromEntries(fields.map(([, v], i) => [`:v${i}`, v])),
      }),
    );
    this.onChange?.(workspace.tenantId);
  }
}
