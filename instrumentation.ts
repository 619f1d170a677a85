/** Runs once when the server starts: configuration is checked and migrations applied before any request. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { config } = await import("./lib/config");
  const { database } = await import("./lib/db");
  const settings = config();
  const { kind } = await database();
  console.log(`Nano Studio: database ${kind}, provider ${settings.provider} (${settings.provider === "simulator" ? settings.segmind.baseUrl : "api.segmind.com"})`);
}
