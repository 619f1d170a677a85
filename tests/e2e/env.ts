/** Shared by the Playwright config and the tests. */
export const PORT = Number(process.env.E2E_PORT ?? 3200);
export const SIMULATOR_PORT = Number(process.env.E2E_SIMULATOR_PORT ?? 4210);
export const SIMULATOR_URL = `http://127.0.0.1:${SIMULATOR_PORT}`;
/**
 * The e2e studio runs as if against the real Segmind, with this key, pointed at the simulator (which accepts
 * only this key). Every response the browser sees is scanned for it.
 */
export const SEGMIND_KEY = "sg-e2e-secret-key-7f3c9a1e5b2d";
