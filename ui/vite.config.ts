/// <reference types="vitest/config" />
import { defineConfig } from "vite";

// Preact's JSX through Vite's own transform (tsconfig's jsxImportSource):
// no framework plugin needed.
export default defineConfig({
  clearScreen: false,
  server: { port: 1420, strictPort: true },
  build: { target: "safari16", outDir: "dist", emptyOutDir: true },
  test: { environment: "jsdom", globals: true },
});
