// Vite build of the subject's phone app (web/app): `npm run build` writes dist/app, which the server
// serves at /app (index.html for every path below it). The service worker (public/sw.js) and the web
// manifest are copied as they are.
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL("./app", import.meta.url));
const outDir = fileURLToPath(new URL("../dist/app", import.meta.url));
const server = process.env.ONEBOOK_API || "http://127.0.0.1:3000";

export default defineConfig({
  root,
  base: "/app/",
  plugins: [react()],
  server: { proxy: { "/api": { target: server, changeOrigin: false } } },
  build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 1200 },
});
