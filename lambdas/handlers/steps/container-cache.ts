/**
 * Caches that live as long as a Lambda container (or a local runtime): one per adapter instance,
 * so two runtimes in one process (tests) never see each other's entries. Freshness is measured
 * on the container's own clock, not the business clock: it is about how long this process has
 * held a value, and the virtual clock of a local runtime may stand still.
 */
export class ContainerCache<V> {
  private readonly byOwner = new WeakMap<object, Map<string, { value: V; at: number }>>();

  constructor(
    private readonly ttlMs: number = Number.POSITIVE_INFINITY,
    private readonly elapsed: () => number = () => performance.now(),
  ) {}

  /** The cached value of `key` for `owner`, or `load()`'s (kept when it resolves). */
  async get(owner: object, key: string, load: () => Promise<V>): Promise<V> {
    let entries = this.byOwner.get(owner);
    if (!entries) {
      entries = new Map();
      this.byOwner.set(owner, entries);
    }
    const hit = entries.get(key);
    if (hit && this.elapsed() - hit.at < this.ttlMs) return hit.value;
    const value = await load();
    entries.set(key, { value, at: this.elapsed() });
    return value;
  }

  /** Replaces an entry (a fresher value found on the way). */
  set(owner: object, key: string, value: V): void {
    let entries = this.byOwner.get(owner);
    if (!entries) {
      entries = new Map();
      this.byOwner.set(owner, entries);
    }
    entries.set(key, { value, at: this.elapsed() });
  }

  /** Drops every entry of `owner` (a change seen in this container). */
  clear(owner: object): void {
    this.byOwner.delete(owner);
  }
}
