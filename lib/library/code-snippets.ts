/**
 * "Copy as code": one recipe as a curl sequence (v2 submit + poll), as TypeScript and as Python with
 * Segmind's SDK. The key is always read from SEGMIND_API_KEY, never written into the snippet.
 * Reference images are ours and private, so they appear as placeholders for URLs Segmind can fetch.
 */
import type { RecipeParams } from "../db/schema";
import { SEGMIND_BASE_URL } from "../segmind/urls";

export interface SnippetRecipe {
  model: string;
  params: RecipeParams;
  referenceCount: number;
}

export function segmindPayload(recipe: SnippetRecipe): Record<string, unknown> {
  const payload: Record<string, unknown> = { ...recipe.params };
  if (recipe.referenceCount > 0) {
    payload.image_urls = Array.from({ length: recipe.referenceCount }, (_, i) => `https://example.com/reference-${i + 1}.jpg`);
  }
  return payload;
}

const referenceNote = (recipe: SnippetRecipe, comment: string) =>
  recipe.referenceCount > 0 ? `${comment} Replace the image_urls with public URLs of your ${recipe.referenceCount} reference image(s).\n` : "";

export function curlSnippet(recipe: SnippetRecipe, base = SEGMIND_BASE_URL): string {
  return `${referenceNote(recipe, "#")}# Submit to the queue, then poll until the job is done (needs curl and jq).
REQUEST_ID=$(curl -sS -X POST "${base}/v2/${recipe.model}" \\
  -H "x-api-key: $SEGMIND_API_KEY" -H "Content-Type: application/json" \\
  --data-binary @- <<'JSON' | jq -r .request_id
${JSON.stringify(segmindPayload(recipe), null, 2)}
JSON
)
while true; do
  STATUS=$(curl -sS "${base}/v2/requests/$REQUEST_ID/status" -H "x-api-key: $SEGMIND_API_KEY" | jq -r .status)
  echo "$STATUS"
  case "$STATUS" in COMPLETED|FAILED) break ;; esac
  sleep 2
done
curl -sS "${base}/v2/requests/$REQUEST_ID" -H "x-api-key: $SEGMIND_API_KEY"
`;
}

export function typescriptSnippet(recipe: SnippetRecipe, base = SEGMIND_BASE_URL): string {
  return `${referenceNote(recipe, "//")}// Save as recipe.mts and run with: npx tsx recipe.mts (Node 18+). Submits to the queue, then polls until done.
const headers = { "x-api-key": process.env.SEGMIND_API_KEY!, "content-type": "application/json" };
const payload = ${JSON.stringify(segmindPayload(recipe), null, 2)};

const submitted = await fetch("${base}/v2/${recipe.model}", { method: "POST", headers, body: JSON.stringify(payload) });
if (!submitted.ok) throw new Error(\`submit failed: \${submitted.status} \${await submitted.text()}\`);
const { request_id } = (await submitted.json()) as { request_id: string };

let status = "QUEUED";
while (status !== "COMPLETED" && status !== "FAILED") {
  await new Promise((resolve) => setTimeout(resolve, 2000));
  // A FAILED job answers 422 with a JSON body: read it instead of treating it as a transport error.
  status = ((await (await fetch(\`${base}/v2/requests/\${request_id}/status\`, { headers })).json()) as { status: string }).status;
}
const result = await (await fetch(\`${base}/v2/requests/\${request_id}\`, { headers })).json();
console.log(JSON.stringify(result));
`;
}

/** JSON values as Python literals (JSON strings are valid Python strings). */
function python(value: unknown): string {
  if (value === true) return "True";
  if (value === false) return "False";
  if (value === null || value === undefined) return "None";
  if (Array.isArray(value)) return `[${value.map(python).join(", ")}]`;
  return JSON.stringify(value);
}

export function pythonSnippet(recipe: SnippetRecipe): string {
  const args = Object.entries(segmindPayload(recipe))
    .map(([key, value]) => `    ${key}=${python(value)},`)
    .join("\n");
  return `${referenceNote(recipe, "#")}# pip install "segmind>=1.1.0"   (reads SEGMIND_API_KEY)
from segmind import SegmindClient

client = SegmindClient()
job = client.submit_async(
    "${recipe.model}",
${args}
)
result = job.wait(timeout=600, interval=2.0)
print(result["status"], result.get("output"))
`;
}
