// The rules of eslint-config-next (core-web-vitals + typescript), assembled from its parts: the bundle itself
// pulls a resolver whose platform binaries the registry lacks, which breaks `npm ci` here (see STACK-NOTES).
import nextPlugin from "@next/eslint-plugin-next";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

const config = tseslint.config(
  { ignores: [".next/**", "node_modules/**", "data/**", "reports/**", "test-results/**", "playwright-report/**", "drizzle/**", "next-env.d.ts"] },
  ...tseslint.configs.recommended,
  reactHooks.configs.flat.recommended,
  {
    plugins: { "@next/next": nextPlugin },
    rules: {
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs["core-web-vitals"].rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
);

export default config;
