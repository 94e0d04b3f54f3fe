import { PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { queryAll } from "../../../lambdas/aws/dynamo-util.js";
import { useDynalite } from "../../support/dynalite.js";

const dynamo = useDynalite();

describe("queryAll", () => {
  it("follows the pages of a partition larger than one 1 MB query page", async () => {
    const { doc, tableName } = dynamo.current;
    const big = "x".repeat(350_000);
    for (let i = 0; i < 4; i++)
      await doc.send(new PutCommand({ TableName: tableName, Item: { pk: "P", sk: `s${i}`, big } }));
    const onePage = await doc.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": "P" },
      }),
    );
    expect(onePage.LastEvaluatedKey).toBeDefined();
    expect((await queryAll(doc, tableName, "P")).map((i) => i.sk)).toEqual(["s0", "s1", "s2", "s3"]);
    expect((await queryAll(doc, tableName, "P", { beforeOrAt: "s1" })).map((i) => i.sk)).toEqual([
      "s0",
      "s1",
    ]);
  });
});
