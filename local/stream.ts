import { marshall } from "@aws-sdk/util-dynamodb";
import type { DynamoDBStreamEvent } from "aws-lambda";
import type { Clock, RecordType, StoredRecord } from "../lambdas/ports.js";

type StreamHandler = (event: DynamoDBStreamEvent) => Promise<void>;

/**
 * dynalite has no streams: the records store tells this feed of each write, and it hands the
 * stream handler what DynamoDB Streams would deliver (keys, old and new images, a sequence
 * number), one record at a time and in order, as a shard does.
 */
export class LocalStream {
  private sequence = 0;
  private queue: Promise<void> = Promise.resolve();
  readonly failures: unknown[] = [];

  constructor(
    private readonly handler: StreamHandler,
    private readonly clock: Clock,
  ) {}

  readonly feed = (
    tenantId: string,
    type: RecordType,
    id: string,
    oldImage: StoredRecord | undefined,
    newImage: StoredRecord | undefined,
  ): void => {
    const keys = { pk: `T#${tenantId}#R#${type}`, sk: id };
    const sequence = String(++this.sequence).padStart(21, "0");
    const image = (r: StoredRecord) => marshall({ ...keys, ...r }, { removeUndefinedValues: true });
    const event = {
      Records: [
        {
          eventID: sequence,
          eventName: oldImage === undefined ? "INSERT" : newImage === undefined ? "REMOVE" : "MODIFY",
          eventSource: "aws:dynamodb",
          dynamodb: {
            Keys: marshall(keys),
            ...(oldImage ? { OldImage: image(oldImage) } : {}),
            ...(newImage ? { NewImage: image(newImage) } : {}),
            SequenceNumber: sequence,
            ApproximateCreationDateTime: Math.floor(this.clock.now().getTime() / 1000),
            StreamViewType: "NEW_AND_OLD_IMAGES",
          },
        },
      ],
    } as unknown as DynamoDBStreamEvent;
    this.queue = this.queue
      .then(() => this.handler(event))
      .catch((e: unknown) => {
        this.failures.push(e);
      });
  };

  /** Waits until every change so far has been handed to the stream handler. */
  drain(): Promise<void> {
    return this.queue;
  }
}
