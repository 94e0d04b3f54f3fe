/**
 * Ports of the ingress (tracking, identify, write keys). Kept beside `ports.ts`, which the lead
 * owns; they may move there as they are.
 */
import type { PageVisit } from "./core/page-visits.js";

/** Write keys: the public key a website tracks with (`POST /track`) → its workspace. */
export interface WriteKeys {
  /** The workspace of a live key; undefined for an unknown or rotated-away key. */
  tenantOf(key: string): Promise<string | undefined>;
  /**
   * Makes `key` the workspace's write key and retires `previous`; false when the workspace's key
   * is no longer `previous` (a concurrent rotation won): then nothing changed.
   */
  rotate(tenantId: string, previous: string | undefined, key: string): Promise<boolean>;
}

/** A kept anonymous visit and the key it is stored under (replayed event ids derive from it). */
export interface KeptVisit {
  key: string;
  visit: PageVisit;
}

/** Website visitors: the contact a visitor is linked to, and the visits kept until then. */
export interface Visitors {
  contactOf(tenantId: string, visitorId: string): Promise<string | undefined>;
  link(tenantId: string, visitorId: string, contactId: string): Promise<void>;
  /** Keeps an anonymous visit; a visitor keeps at most its last 100. */
  keep(tenantId: string, visitorId: string, visit: PageVisit): Promise<void>;
  /** The kept visits, oldest first. */
  kept(tenantId: string, visitorId: string): Promise<KeptVisit[]>;
  /** Drops kept visits once they have been published. */
  forget(tenantId: string, visitorId: string, keys: string[]): Promise<void>;
}

/** Contacts by email (lower-cased), so `identify` by email needs no scan. */
export interface EmailIndex {
  contactOf(tenantId: string, email: string): Promise<string | undefined>;
  put(tenantId: string, email: string, contactId: string): Promise<void>;
  /** Removes the entry only while it still names this contact. */
  remove(tenantId: string, email: string, contactId: string): Promise<void>;
}
