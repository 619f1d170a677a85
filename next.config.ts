import type { NextConfig } from "next";

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

const nextConfig: NextConfig = {
  // The key-scan test builds a second copy with the Segmind key in its environment, beside the served one.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // PGlite loads its wasm from its own package folder; bundling it breaks opening the database from a server action and copies 15 MB of wasm into static assets.
  // tesseract.js starts its worker threads from a script in its package and reads language data from theirs.
  // The AWS SDK is large and Node-only: loaded from node_modules at run time rather than bundled.
  serverExternalPackages: ["@electric-sql/pglite", "sharp", "tesseract.js", "tesseract.js-core", "@aws-sdk/client-s3", "@aws-sdk/lib-storage"],
  poweredByHeader: false,
  async headers() {
    // The Content-Security-Policy is set per request in proxy.ts, where its nonce is made.
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
