import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { DynamoDBStreamEvent, AttributeValue as LambdaAttributeValue } from "aws-lambda";
import { recordChangeEvents } from "../core/record-events.js";
import type { Bus, RecordType } from "../ports.js";

const RECORD_KEY = /^T#(.+)#R#(contact|deal|company|activity)$/;

function image(raw: Record<string, LambdaAttributeValue> | undefined): Record<string, unknown> | undefined {
  if (!raw) return undefined;
  const { pk: _pk, sk: _sk, ...rest } = unmarshall(raw as never);
  return rest;
}

/**
 * The table's stream → record events on the bus. The only path by which record changes reach
 * automations (no dual writes): on AWS a Lambda on the DynamoDB stream, locally fed by the local
 * store's change feed with the same event shape.
 */
export function createStreamHandler(deps: { bus: Bus }) {
  return async (event: DynamoDBStreamEvent): Promise<void> => {
    for (const r of event.Records) {
      const keys = r.dynamodb?.Keys;
      const match = RECORD_KEY.exec(String(keys?.pk?.S ?? ""));
      if (!match || !keys?.sk?.S) continue;
      const events = recordChangeEvents({
        tenantId: match[1] as string,
        recordType: match[2] as RecordType,
        recordId: keys.sk.S,
        oldImage: image(r.dynamodb?.OldImage),
        newImage: image(r.dynamodb?.NewImage),
        sequence: r.dynamodb?.SequenceNumber ?? r.eventID ?? "0",
        at: new Date((r.dynamodb?.ApproximateCreationDateTime ?? 0) * 1000),
      });
      if (events.length > 0) await deps.bus.publish(events);
    }
  };
}
