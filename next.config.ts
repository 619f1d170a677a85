import type { NextConfig } from "next";

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

const nextConfig: NextConfig = {
  // PGlite loads its wasm from its own package folder; bundling it breaks that (see STACK-NOTES).
  serverExternalPackages: ["@electric-sql/pglite", "sharp"],
  poweredByHeader: false,
  async headers() {
    // The Content-Security-Policy is set per request in proxy.ts, where its nonce is made.
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
