/**
 * NANO_BANANA_2_TRANSPORT is the operator's default on every path (form action, JSON routes), not only the
 * form's starting value. Its own file: the configuration is read once per process.
 */
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import type { Simulator } from "@/lib/segmind/simulator/server";
import { newUser, session, startStack } from "./setup";

vi.mock("@/lib/auth", async () => (await import("./setup")).authMock());

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startStack();
  process.env.NANO_BANANA_2_TRANSPORT = "v1";
  session.userId = (await newUser("Transport")).id;
});
afterAll(async () => {
  delete process.env.NANO_BANANA_2_TRANSPORT;
  const { database } = await import("@/lib/db");
  await (await database()).close();
  await simulator.close();
});

const json = (path: string, body: unknown) =>
  new Request(`http://studio.test${path}`, { method: "POST", headers: { host: "studio.test", origin: "http://studio.test", "content-type": "application/json" }, body: JSON.stringify(body) });

it("a recipe without a transport gets the configured one, through the action and both JSON routes; an explicit one is kept", async () => {
  const { generateAction } = await import("@/lib/actions/generate-action");
  const viaAction = await generateAction({ model: "nano-banana-2", prompt: "default transport" });
  if (!viaAction.ok) throw new Error(viaAction.error);
  expect(viaAction.generations[0]!.transport).toBe("v1");

  const { POST } = await import("@/app/api/generations/route");
  expect((await (await POST(json("/api/generations", { model: "nano-banana-2", prompt: "x" }), {})).json()).transport).toBe("v1");
  const { POST: postV1 } = await import("@/app/api/v1/generations/route");
  const batch = await (await postV1(json("/api/v1/generations", { model: "nano-banana-2", prompt: "x", count: 2 }), {})).json();
  expect(batch.generations.map((g: { transport: string }) => g.transport)).toEqual(["v1", "v1"]);

  const explicit = await generateAction({ model: "nano-banana-2", prompt: "explicit", transport: "v2" });
  expect(explicit.ok && explicit.generations[0]!.transport).toBe("v2");
  // Lite runs over v2 only, whatever the default of Nano Banana 2.
  const lite = await generateAction({ model: "nano-banana-2-lite", prompt: "lite" });
  expect(lite.ok && lite.generations[0]!.transport).toBe("v2");
});
