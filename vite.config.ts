/**
 * The staff console (src/web/console): React 19 + antd 6, built by Vite into dist/console and served
 * by the Gongkai server at /console/. The manifest lets test/console-bundle.test.ts sum the first load.
 */
import { resolve } from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  root: resolve(import.meta.dirname, "src/web/console"),
  base: "/console/",
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, "dist/console"),
    emptyOutDir: true,
    manifest: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
    reportCompressedSize: false,
  },
  server: {
    // `npx vite` during development: the API of a running `npm start`.
    proxy: { "/api": "http://127.0.0.1:3000" },
  },
});
