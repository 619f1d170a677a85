/**
 * A database outage while a paid v1 image is being stored (PostgreSQL only: PGlite lives in the process and
 * cannot go away). The studio reaches PostgreSQL through a loopback TCP proxy that the test cuts — every
 * open connection dropped, new ones refused — and restores, as a restart or a network blip looks to it.
 */
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Simulator } from "@/lib/segmind/simulator/server";
import { newUser, session, startStack, personal } from "./setup";

vi.mock("@/lib/auth", async () => (await import("./setup")).authMock());

const upstream = process.env.DATABASE_URL;

/** A TCP proxy to PostgreSQL that can be cut and restored. */
async function startCuttableProxy(target: URL) {
  const port = Number(target.port || 5432);
  const host = target.hostname;
  const open = new Set<net.Socket>();
  let down = false;
  const server = net.createServer((client) => {
    if (down) return client.destroy();
    const server = net.connect(port, host);
    for (const socket of [client, server]) {
      open.add(socket);
      socket.on("close", () => open.delete(socket));
      socket.on("error", () => undefined);
    }
    client.pipe(server).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    cut() {
      down = true;
      for (const socket of open) socket.destroy();
    },
    restore() {
      down = false;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.skipIf(!upstream?.startsWith("postgres"))("a database outage while a v1 result is stored", () => {
  let simulator: Simulator;
  let proxy: Awaited<ReturnType<typeof startCuttableProxy>>;
  let user: { id: string };
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => uncaught.push(error);

  beforeAll(async () => {
    const target = new URL(upstream!);
    proxy = await startCuttableProxy(new URL(upstream!));
    target.host = `127.0.0.1:${proxy.port}`;
    process.env.DATABASE_URL = target.toString();
    process.on("uncaughtException", onUncaught);
    simulator = await startStack({ latencyMs: 100 });
    user = await newUser("Outage");
    session.userId = user.id;
    const { startWorker } = await import("@/lib/jobs/worker");
    startWorker();
  });
  afterAll(async () => {
    proxy.restore();
    const { stopWorker } = await import("@/lib/jobs/worker");
    await stopWorker();
    const { database } = await import("@/lib/db");
    await (await database()).close();
    await simulator.close();
    await proxy.close();
    process.off("uncaughtException", onUncaught);
    process.env.DATABASE_URL = upstream;
  });

  it("keeps the image until the database is back, then shows it in the gallery; one POST reached Segmind; routes answer 503 meanwhile", async () => {
    const prompt = `lemon soda during an outage [sim:latency=2500]`;
    const { generateAction } = await import("@/lib/actions/generate-action");
    const created = await generateAction({ model: "nano-banana-2", transport: "v1", prompt, output_format: "png" });
    if (!created.ok) throw new Error(created.error);
    const id = created.generations[0]!.id;
    const posts = () => simulator.requests.filter((r) => r.method === "POST" && r.prompt === prompt).length;
    await expect.poll(posts, { timeout: 10_000, interval: 50 }).toBe(1);

    proxy.cut();
    // While it is down, an API route says so plainly instead of an empty 500.
    const { GET } = await import("@/app/api/gallery/route");
    const during = await GET(new Request("http://studio.test/api/gallery"), {});
    expect(during.status).toBe(503);
    expect(during.headers.get("retry-after")).toBe("5");
    expect((await during.json()).error).toMatch(/database cannot be reached/);

    // The answer arrives and its files (and the manifest that completes the job) reach storage regardless.
    const { getStorage } = await import("@/lib/storage");
    await expect.poll(async () => Boolean(await getStorage().get(`generations/${user.id}/${id}/result.json`)), { timeout: 10_000, interval: 100 }).toBe(true);
    await new Promise((r) => setTimeout(r, 1500)); // a few failed writes, retried with backoff
    proxy.restore();

    const { fetchGenerationView } = await import("@/lib/generations");
    await expect.poll(async () => (await fetchGenerationView(personal(user), id))?.status, { timeout: 20_000, interval: 200 }).toBe("completed");
    const view = await fetchGenerationView(personal(user), id);
    expect(view?.images).toHaveLength(1);
    expect(view?.error).toBeNull();
    const { fetchGalleryPage } = await import("@/lib/generations/gallery");
    const page = await fetchGalleryPage(personal(user), {}, {});
    expect("items" in page && page.items.map((i) => i.id)).toContain(id);
    expect(posts()).toBe(1);
    expect(uncaught).toEqual([]);
  }, 60_000);
});
