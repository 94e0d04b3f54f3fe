import type { EventPattern } from "./pattern.js";

/**
 * The bus rules, defined once: the CDK stack turns them into EventBridge rules, the local bus
 * applies them with our matcher. The router gets every event a trigger or a waiter may need.
 */
export const BUS_RULES = {
  router: {
    description: "record changes, page visits, engagement and custom events → the router",
    pattern: {
      source: ["autopilot.records", "autopilot.track", "autopilot.engagement", "autopilot.custom"],
    } satisfies EventPattern,
  },
  emailIndex: {
    description: "contact record changes → the email index (identify by email without a scan)",
    pattern: {
      source: ["autopilot.records"],
      "detail-type": ["record.created", "record.updated", "record.deleted"],
      detail: { recordType: ["contact"] },
    } satisfies EventPattern,
  },
} as const;
export type BusRuleName = keyof typeof BUS_RULES;
