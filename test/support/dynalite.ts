import { afterAll, beforeAll } from "vitest";
import { type LocalDynamo, startDynalite } from "../../local/emulators/dynalite.js";

/**
 * An in-memory dynalite for the tests of one file: started before them, closed after. Read
 * `dynamo.current` inside tests (it is set once the file's tests start).
 */
export function useDynalite(): { current: LocalDynamo } {
  const dynamo = {} as { current: LocalDynamo };
  beforeAll(async () => {
    dynamo.current = await startDynalite();
  });
  afterAll(async () => {
    await dynamo.current.close();
  });
  return dynamo;
}
