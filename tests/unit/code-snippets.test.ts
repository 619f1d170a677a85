/**
 * "Copy as code" as a user would use it: the curl and TypeScript snippets are run, unchanged apart from the
 * base URL, against the simulator over HTTP and must end with a finished image of this exact recipe; the
 * Python one must at least parse and call the SDK with every parameter.
 */
import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { curlSnippet, pythonSnippet, typescriptSnippet, type SnippetRecipe } from "@/lib/library/code-snippets";
import { startSimulator, type Simulator } from "@/lib/segmind/simulator/server";

const run = promisify(execFile);
const KEY = "snippet-test-key";
let simulator: Simulator;
let dir: string;

beforeAll(async () => {
  simulator = await startSimulator({ apiKeys: [KEY], latencyMs: 300, rpm: 0 });
  dir = await mkdtemp(path.join(tmpdir(), "snippets-"));
});
afterAll(() => simulator.close());

const recipe = (prompt: string): SnippetRecipe => ({
  model: "nano-banana-2",
  referenceCount: 0,
  params: {
    prompt,
    seed: 4242,
    aspect_ratio: "16:9",
    output_format: "png",
    output_resolution: "1K",
    response_modalities: "IMAGE",
    safety_tolerance: 3,
    thinking_level: "minimal",
    web_search: false,
  },
});

const env = { ...process.env, SEGMIND_API_KEY: KEY };
const lastPost = (prompt: string) => simulator.requests.filter((r) => r.method === "POST" && r.prompt === prompt).at(-1);

describe("copy as code", () => {
  it("the curl sequence submits, polls to COMPLETED and prints the result", async () => {
    const prompt = `It's a "quoted" $HOME \`tick\` prompt`;
    const { stdout } = await run("bash", ["-c", curlSnippet(recipe(prompt), simulator.url)], { env, timeout: 30_000 });
    const lines = stdout.trim().split("\n");
    expect(lines).toContain("COMPLETED");
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ status: "COMPLETED" });
    // The shell passed the prompt through untouched: no expansion, no broken quoting.
    expect(lastPost(prompt)).toBeTruthy();
  });

  it("the TypeScript program does the same with fetch", async () => {
    const prompt = "typescript snippet check";
    const file = path.join(dir, "recipe.mts");
    await writeFile(file, typescriptSnippet(recipe(prompt), simulator.url));
    const { stdout } = await run(path.resolve("node_modules/.bin/tsx"), [file], { env, timeout: 30_000 });
    expect(JSON.parse(stdout.trim())).toMatchObject({ status: "COMPLETED" });
    expect(lastPost(prompt)).toBeTruthy();
  });

  it("the Python snippet parses and passes every parameter to the SDK", async () => {
    const code = pythonSnippet({ ...recipe("python"), referenceCount: 2 });
    expect(code).toContain('client.submit_async(\n    "nano-banana-2",');
    expect(code).toContain("web_search=False,");
    expect(code).toContain("seed=4242,");
    expect(code).toContain('image_urls=["https://example.com/reference-1.jpg", "https://example.com/reference-2.jpg"],');
    await run("python3", ["-c", "import ast, sys; ast.parse(open(sys.argv[1]).read())", await written(code)]);
  });

  it("never writes the key into a snippet", () => {
    for (const make of [curlSnippet, typescriptSnippet, pythonSnippet]) {
      const code = make(recipe("key check"));
      expect(code).not.toContain(KEY);
      expect(code).toMatch(/SEGMIND_API_KEY/);
    }
  });
});

async function written(code: string): Promise<string> {
  const file = path.join(dir, `snippet-${Math.random()}.py`);
  await writeFile(file, code);
  return file;
}
