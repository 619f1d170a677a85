import "server-only";
import { config } from "../config";
import { SegmindClient } from "./client";

let client: SegmindClient | undefined;

/** The studio's one Segmind client: the real API with a key, the simulator without. */
export function segmind(): SegmindClient {
  const { segmind: settings } = config();
  client ??= new SegmindClient({
    apiKey: settings.apiKey,
    baseUrl: settings.baseUrl,
    storageUrl: settings.storageUrl,
    allowedOrigins: settings.allowedOrigins,
    imageHosts: settings.imageHosts,
  });
  return client;
}
