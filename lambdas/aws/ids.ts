import { randomBytes } from "node:crypto";
import type { Clock, Ids } from "../ports.js";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** ULID-style ids: 10 characters of time then 16 random, so ids sort by creation. */
export class RandomIds implements Ids {
  constructor(private readonly clock: Clock) {}

  next(prefix: string): string {
    let time = this.clock.now().getTime();
    let head = "";
    for (let i = 0; i < 10; i++) {
      head = (ALPHABET[time % 32] as string) + head;
      time = Math.floor(time / 32);
    }
    const tail = [...randomBytes(16)].map((b) => ALPHABET[b % 32]).join("");
    return `${prefix}_${head}${tail}`;
  }
}
