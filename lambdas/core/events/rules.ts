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
} as const;
export type BusRuleName = keyof typeof BUS_RULES;
