// Vite build of the staff console. `npx vite build --config web/vite.config.ts` writes dist/web, which
// the server serves (index.html for every non-API path, so the console's routes work on reload).
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL("./staff", import.meta.url));
const outDir = fileURLToPath(new URL("../dist/web", import.meta.url));
// The API server for `vite` dev: the default `onebook start`, or another one named in ONEBOOK_API.
const server = process.env.ONEBOOK_API || "http://127.0.0.1:3000";

export default defineConfig({
  root,
  base: "/",
  plugins: [react()],
  server: {
    proxy: {
      "/api": { target: server, changeOrigin: false },
      "/health": { target: server, changeOrigin: false },
    },
  },
  build: {
    outDir,
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        // Vendor code changes far less often than ours: keep it in its own long-cached chunks.
        codeSplitting: {
          groups: [
            { name: "echarts", test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 30 },
            {
              name: "react",
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|@tanstack)[\\/]/,
              priority: 20,
            },
            {
              name: "antd",
              test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|dayjs|@babel[\\/]runtime|classnames|@emotion|stylis)[\\/]/,
              priority: 10,
            },
          ],
        },
      },
    },
  },
});
