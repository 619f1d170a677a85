/**
 * The server code's import graph has no cycle: each capability in lib/ depends on the ones below it, so a
 * module can be read, tested and changed without dragging its callers along.
 */
import madge from "madge";
import { expect, it } from "vitest";

it("lib/, app/, components/ and proxy.ts import each other without a cycle", async () => {
  const graph = await madge(["lib", "app", "components", "proxy.ts", "instrumentation.ts"], {
    fileExtensions: ["ts", "tsx"],
    tsConfig: "tsconfig.json",
    detectiveOptions: { ts: { skipTypeImports: true }, tsx: { skipTypeImports: true } },
  });
  expect(Object.keys(graph.obj()).length).toBeGreaterThan(100);
  expect(graph.circular()).toEqual([]);
});
