import { lookup } from "node:dns";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { isBlockedAddress } from "../core/addresses.js";

export class BlockedAddressError extends Error {
  override readonly name = "BlockedAddressError";
}

/**
 * POSTs a webhook. The address is checked when the socket connects (a custom `lookup`), so a
 * hostname that resolves to a private address is refused even if DNS changes between checks.
 * 10 s timeout; redirects are not followed. `allowPrivate` is for the local runtime's tests only.
 */
export function createWebhookSender(options: { allowPrivate?: boolean; timeoutMs?: number } = {}) {
  const guard: LookupFunction = (hostname, opts, callback) => {
    lookup(hostname, { ...opts, all: false }, (err, address, family) => {
      if (err) return callback(err, "", 4);
      if (!options.allowPrivate && isBlockedAddress(String(address)))
        return callback(
          new BlockedAddressError(`${hostname} resolves to ${address}, a private address`),
          "",
          4,
        );
      callback(null, address as string, family as number);
    });
  };
  return (
    url: string,
    init: { headers: Record<string, string>; body: string },
  ): Promise<{ status: number }> => {
    const target = new URL(url);
    const host = target.hostname.replace(/^\[|\]$/g, "");
    if (isIP(host) && !options.allowPrivate && isBlockedAddress(host))
      return Promise.reject(new BlockedAddressError(`${host} is a private address`));
    const request = target.protocol === "https:" ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = request(
        target,
        {
          method: "POST",
          headers: { "content-type": "application/json", ...init.headers },
          lookup: guard,
          timeout: options.timeoutMs ?? 10_000,
        },
        (res) => {
          res.resume();
          res.on("end", () => resolve({ status: res.statusCode ?? 0 }));
        },
      );
      req.on("timeout", () => req.destroy(new Error("timed out after 10 s")));
      req.on("error", reject);
      req.end(init.body);
    });
  };
}
