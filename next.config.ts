import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite loads its wasm from its own package folder; bundling it breaks that (see STACK-NOTES).
  serverExternalPackages: ["@electric-sql/pglite", "sharp"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
