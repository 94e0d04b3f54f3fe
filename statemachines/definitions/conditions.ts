import { z } from "zod";

export const CHANGE_OPERATORS = ["changed", "changedTo", "changedFrom"] as const;
export const Operator = z.enum(
  [
    "eq",
    "neq",
    "gt",
    "gte",
    "lt",
    "lte",
    "contains",
    "notContains",
    "startsWith",
    "endsWith",
    "in",
    "notIn",
    "exists",
    "notExists",
    ...CHANGE_OPERATORS,
  ],
  { error: (i) => `unknown operator ${JSON.stringify(i.input)}` },
);
export type Operator = z.infer<typeof Operator>;

/** The roots a condition field or a template may name. */
export const FACT_ROOTS = [
  "record",
  "contact",
  "event",
  "user",
  "score",
  "lists",
  "engagement",
  "enrollment",
] as const;

export const FieldPath = z.string().regex(/^[A-Za-z_][\w-]*(\.[\w?!-]+)*$/, {
  error: (i) => `not a field path like "contact.country" (got ${JSON.stringify(i.input)})`,
});

export type Predicate = { field: string; op: Operator; value?: z.core.util.JSONType };
export type Condition = { all: Condition[] } | { any: Condition[] } | { not: Condition } | Predicate;

const NO_VALUE: ReadonlySet<Operator> = new Set(["exists", "notExists", "changed"]);
const LIST_VALUE: ReadonlySet<Operator> = new Set(["in", "notIn"]);

/**
 * `{all: [...]}` | `{any: [...]}` | `{not: ...}` | `{field, op, value?}`. One flat object with a
 * check, rather than a union, so that a mistake is reported at its own path.
 */
export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z
    .strictObject({
      all: z.array(Condition).min(1).optional(),
      any: z.array(Condition).min(1).optional(),
      not: Condition.optional(),
      field: FieldPath.optional(),
      op: Operator.optional(),
      value: z.json().optional(),
    })
    .superRefine((c, ctx) => {
      const shapes = (["all", "any", "not", "field"] as const).filter((k) => c[k] !== undefined);
      if (shapes.length !== 1) {
        ctx.addIssue({
          code: "custom",
          message: `a condition is one of {all}, {any}, {not} or {field, op, value} (got ${shapes.length ? shapes.join(", ") : "none"})`,
        });
        return;
      }
      if (c.field === undefined) return;
      if (c.op === undefined) {
        ctx.addIssue({ code: "custom", path: ["op"], message: "required" });
        return;
      }
      if (NO_VALUE.has(c.op) && c.value !== undefined)
        ctx.addIssue({ code: "custom", path: ["value"], message: `operator ${c.op} takes no value` });
      if (!NO_VALUE.has(c.op) && c.value === undefined)
        ctx.addIssue({ code: "custom", path: ["value"], message: `operator ${c.op} needs a value` });
      if (LIST_VALUE.has(c.op) && !Array.isArray(c.value))
        ctx.addIssue({ code: "custom", path: ["value"], message: `operator ${c.op} needs a list value` });
    }),
) as unknown as z.ZodType<Condition>;

export function isPredicate(c: Condition): c is Predicate {
  return "field" in c;
}
