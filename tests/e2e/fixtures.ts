import { expect, test as base } from "@playwright/test";
import { SEGMIND_KEY } from "./env";

/**
 * Every test's browser traffic is scanned: no HTML, JSON, script or RSC payload the studio sends may contain
 * the Segmind key.
 */
export const test = base.extend<{ secretScan: void }>({
  secretScan: [
    async ({ context }, use) => {
      const leaks: string[] = [];
      const reads: Promise<void>[] = [];
      context.on("response", (response) => {
        const type = response.headers()["content-type"] ?? "";
        if (!/html|json|javascript|text|x-component/.test(type)) return;
        reads.push(
          response
            .text()
            .then((body) => {
              if (body.includes(SEGMIND_KEY)) leaks.push(response.url());
            })
            .catch(() => undefined),
        );
      });
      await use();
      await Promise.all(reads);
      expect(leaks, "responses that carried the Segmind key").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
