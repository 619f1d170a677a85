import { describe, expect, it } from "vitest";
import sharp from "sharp";
import { normaliseOutput } from "@/lib/segmind/normalise";

const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#00f" } })
  .png()
  .toBuffer();
const b64 = png.toString("base64");

describe("normaliseOutput", () => {
  it.each([
    ["a URL string", { output: "https://cdn.example/a.jpg" }, "url"],
    ["a list of URLs", { output: ["https://cdn.example/a.jpg", "https://cdn.example/b.jpg"] }, "url"],
    ["images with url", { output: { images: [{ url: "https://cdn.example/a.png", content_type: "image/png" }] } }, "url"],
    ["bare base64", { output: b64 }, "bytes"],
    ["a data URL", { output: `data:image/png;base64,${b64}` }, "bytes"],
    ["images with b64_json", { output: { images: [{ b64_json: b64 }] } }, "bytes"],
  ])("reads %s", (_name, body, kind) => {
    const result = normaliseOutput(body);
    expect(result.images.length).toBeGreaterThan(0);
    expect(result.images[0]!.kind).toBe(kind);
    if (result.images[0]!.kind === "bytes") expect(result.images[0]!.bytes.equals(png)).toBe(true);
  });

  it("keeps the text of a TEXT_AND_IMAGE answer, wherever it sits", () => {
    expect(normaliseOutput({ output: "https://x/a.jpg", text: "Here you go" }).text).toBe("Here you go");
    expect(normaliseOutput({ output: { images: [{ url: "https://x/a.jpg" }], text: "Inside" } }).text).toBe("Inside");
    expect(normaliseOutput({ output: ["Some words", "https://x/a.jpg"] }).text).toBe("Some words");
  });

  it("refuses an answer without any image", () => {
    expect(() => normaliseOutput({ output: "just words" })).toThrow(/no image/);
    expect(() => normaliseOutput({ output: "aGVsbG8gd29ybGQgdGhpcyBpcyBub3QgYW4gaW1hZ2UgYXQgYWxsIGp1c3QgdGV4dCBpbiBiYXNlNjQ=" })).toThrow();
  });
});
