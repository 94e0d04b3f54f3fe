import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { DynamoEmailIndex } from "../lambdas/aws/dynamo-email-index.js";
import { DynamoVisitors } from "../lambdas/aws/dynamo-visitors.js";
import { DynamoWriteKeys } from "../lambdas/aws/dynamo-write-keys.js";
import { eventRoutes } from "../lambdas/handlers/api/events.js";
import { type TrackDeps, trackRoutes } from "../lambdas/handlers/api/track.js";
import { type UnsubscribeDeps, unsubscribeRoutes } from "../lambdas/handlers/api/unsubscribe.js";
import { workspaceRoutes } from "../lambdas/handlers/api/workspace.js";
import type { Route } from "../lambdas/handlers/http/app.js";
import type { EmailIndex, Visitors, WriteKeys } from "../lambdas/ingress-ports.js";
import type { Ids, Workspaces } from "../lambdas/ports.js";
import { localSesEventRoutes } from "./ses-events-routes.js";

/** The stores the ingress adds to the one table: write keys, visitors and their visits, emails. */
export function ingressStores(
  db: DynamoDBDocumentClient,
  tableName: string,
): { writeKeys: WriteKeys; visitors: Visitors; emailIndex: EmailIndex } {
  return {
    writeKeys: new DynamoWriteKeys(db, tableName),
    visitors: new DynamoVisitors(db, tableName),
    emailIndex: new DynamoEmailIndex(db, tableName),
  };
}

export type IngressDeps = TrackDeps & UnsubscribeDeps & { workspaces: Workspaces; ids: Ids };

/**
 * Every route that brings outside events in: `POST /track` and `/unsubscribe` (public),
 * `POST /events`, `GET /workspace`, `POST /workspace/write-key`, and locally
 * `POST /_local/ses-events` (SES engagement, which the SES emulator does not publish).
 * @example
 * const routes = ingressRoutes({ ...ingressStores(db, table), records, quotas, bus, clock, ids, secrets, workspaces });
 */
export function ingressRoutes(deps: IngressDeps): Route[] {
  return [
    ...trackRoutes(deps),
    ...eventRoutes(deps),
    ...unsubscribeRoutes(deps),
    ...workspaceRoutes(deps),
    ...localSesEventRoutes(deps),
  ];
}
