import type { Window } from "../../statemachines/definitions/primitives.js";
import { nextWindowOpen } from "./time.js";
import { zoneFor } from "./waits.js";

/**
 * The zone an execution window is read in: its `timezone` (an IANA name as is; `contact` → the
 * contact's `timezone` field, else the workspace's; `user` → the owner's, else the workspace's),
 * `contact` when it names none. Message steps and waits read windows through this one function,
 * so a wait that wakes at an opening never finds its message step outside the window.
 * @example windowZone({ from: "09:00", to: "17:00" }, { timezone: "America/Los_Angeles" }, "UTC") // "America/Los_Angeles"
 */
export function windowZone(
  window: Window,
  contact: Record<string, unknown> | undefined,
  workspaceZone: string,
  userZone?: string,
): string {
  return zoneFor(window.timezone ?? "contact", contact, workspaceZone, userZone);
}

/** Whether a send may happen now under a window, and if not, when it opens next. */
export type WindowCheck = { open: true; zone: string } | { open: false; zone: string; until: Date };

/**
 * Checks `now` against an execution window (days and hours, DST-aware via `nextWindowOpen`).
 * @example
 * checkWindow(new Date("2027-03-13T03:00:00Z"), { from: "09:00", to: "17:00", timezone: "America/Los_Angeles" }, undefined, "UTC")
 * // { open: false, zone: "America/Los_Angeles", until: 2027-03-13T17:00:00Z }
 */
export function checkWindow(
  now: Date,
  window: Window,
  contact: Record<string, unknown> | undefined,
  workspaceZone: string,
  userZone?: string,
): WindowCheck {
  const zone = windowZone(window, contact, workspaceZone, userZone);
  const opens = nextWindowOpen(now, window, zone);
  return opens.getTime() === now.getTime() ? { open: true, zone } : { open: false, zone, until: opens };
}
