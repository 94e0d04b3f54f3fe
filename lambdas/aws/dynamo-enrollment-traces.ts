import { BatchGetCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { EnrollmentTrace } from "../core/journey-stats.js";
import { enrollmentKey } from "./dynamo-enrollments.js";

/** BatchGetItem takes at most 100 keys a call. */
const BATCH = 100;
/** DynamoDB may hand back keys it had no capacity for; past this many rounds it is an outage. */
const MAX_ROUNDS = 8;

/**
 * Reads the traces of many enrollments: one BatchGetItem per 100, projected to what stats need
 * (no ledger, no event), because the "who is where" index does not carry traces.
 * @example
 * const traces = new DynamoEnrollmentTraces(doc, "autopilot");
 * await traces.read("ws1", ["enr_1", "enr_2"]) // [{ id, status, at, eng, trace }, …]
 */
export class DynamoEnrollmentTraces {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async read(tenantId: string, ids: string[]): Promise<EnrollmentTrace[]> {
    const out: EnrollmentTrace[] = [];
    for (let i = 0; i < ids.length; i += BATCH) {
      out.push(...(await this.batch(ids.slice(i, i + BATCH).map((id) => enrollmentKey(tenantId, id)))));
    }
    return out;
  }

  private async batch(keys: Record<string, unknown>[]): Promise<EnrollmentTrace[]> {
    const out: EnrollmentTrace[] = [];
    let pending = keys;
    for (let round = 0; pending.length > 0; round++) {
      if (round === MAX_ROUNDS) throw new Error(`${pending.length} enrollment traces stayed unprocessed`);
      // Unprocessed keys mean throttling: back off before asking again, as AWS advises.
      if (round > 0) await new Promise((r) => setTimeout(r, 25 * 2 ** round));
      const res = await this.db.send(
        new BatchGetCommand({
          RequestItems: {
            [this.tableName]: {
              Keys: pending,
              ProjectionExpression: "#id, #s, #at, #eng, #tr",
              ExpressionAttributeNames: {
                "#id": "id",
                "#s": "status",
                "#at": "at",
                "#eng": "eng",
                "#tr": "trace",
              },
            },
          },
        }),
      );
      out.push(...((res.Responses?.[this.tableName] ?? []) as EnrollmentTrace[]));
      pending = res.UnprocessedKeys?.[this.tableName]?.Keys ?? [];
    }
    return out;
  }
}
