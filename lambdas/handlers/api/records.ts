import { z } from "zod";
import { isIanaTimeZone } from "../../../statemachines/definitions/primitives.js";
import { InvalidRequestError, NotFoundError } from "../../core/errors.js";
import type { Clock, Ids, Records, RecordType } from "../../ports.js";
import { type Route, route } from "../http/app.js";

export interface RecordsDeps {
  records: Records;
  clock: Clock;
  ids: Ids;
}

const TYPES = ["contact", "deal", "company", "activity"] as const;
const PREFIX: Record<RecordType, string> = { contact: "ctc", deal: "deal", company: "co", activity: "act" };
const RESERVED = ["id", "version", "createdAt", "updatedAt", "_origin"];

/** Known contact fields are checked; custom fields are free (any JSON), system fields are refused. */
export const RecordFields = z
  .object({
    email: z.email().nullable().optional(),
    phone: z.string().max(40).nullable().optional(),
    firstName: z.string().max(200).nullable().optional(),
    lastName: z.string().max(200).nullable().optional(),
    timezone: z.string().refine(isIanaTimeZone, "not an IANA time zone").nullable().optional(),
    country: z.string().max(60).nullable().optional(),
    ownerId: z.string().max(100).nullable().optional(),
    score: z.number().nullable().optional(),
    lifecycleStage: z.string().max(60).nullable().optional(),
    tags: z.array(z.string()).nullable().optional(),
    lists: z.array(z.string()).nullable().optional(),
  })
  .catchall(z.json())
  .superRefine((fields, ctx) => {
    if ("tenantId" in fields)
      ctx.addIssue({
        code: "custom",
        path: ["tenantId"],
        message: "the workspace comes from your token, not the body",
      });
    for (const key of RESERVED)
      if (key in fields)
        ctx.addIssue({ code: "custom", path: [key], message: "set by Autopilot, not writable" });
  });

function typeOf(params: Record<string, string>): RecordType {
  const t = params.type;
  if (!TYPES.includes(t as RecordType))
    throw new InvalidRequestError([
      { path: "type", message: `unknown record type "${t}" (one of ${TYPES.join(", ")})` },
    ]);
  return t as RecordType;
}

/** `POST|GET /records/{type}`, `GET|PATCH|DELETE /records/{type}/{id}`. */
export function recordRoutes(deps: RecordsDeps): Route[] {
  const found = async <T>(
    value: Promise<T | undefined>,
    type: string,
    id: string | undefined,
  ): Promise<T> => {
    const v = await value;
    // Another workspace's id reads exactly like a missing one: existence is never revealed.
    if (v === undefined) throw new NotFoundError(`${type} ${id}`);
    return v;
  };
  return [
    route({
      route: "POST /records/{type}",
      body: RecordFields,
      status: 201,
      fn: ({ caller, params, body }) => {
        const type = typeOf(params);
        return deps.records.create(
          caller.tenantId,
          type,
          deps.ids.next(PREFIX[type]),
          body,
          deps.clock.now(),
        );
      },
    }),
    route({
      route: "GET /records/{type}",
      fn: ({ caller, params, query }) =>
        deps.records.list(caller.tenantId, typeOf(params), {
          ...(query.limit ? { limit: Number(query.limit) } : {}),
          ...(query.next ? { next: query.next } : {}),
        }),
    }),
    route({
      route: "GET /records/{type}/{id}",
      fn: ({ caller, params }) =>
        found(
          deps.records.get(caller.tenantId, typeOf(params), String(params.id)),
          String(params.type),
          params.id,
        ),
    }),
    route({
      route: "PATCH /records/{type}/{id}",
      body: RecordFields,
      fn: ({ caller, params, body }) =>
        found(
          deps.records.update(caller.tenantId, typeOf(params), String(params.id), body, deps.clock.now()),
          String(params.type),
          params.id,
        ),
    }),
    route({
      route: "DELETE /records/{type}/{id}",
      status: 204,
      fn: async ({ caller, params }) => {
        await found(
          deps.records.delete(caller.tenantId, typeOf(params), String(params.id)),
          String(params.type),
          params.id,
        );
        return undefined;
      },
    }),
  ];
}
