import { QueryClientProvider } from "@tanstack/react-query";
import { App as AntApp, type ConfigProviderProps } from "antd";
import zhCNImport from "antd/es/locale/zh_CN.js";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn.js";
import { StrictMode, Suspense } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router-dom";
import { App } from "./App.tsx";
import { PageLoading } from "./components/StatusPages.tsx";
import { createQueryClient } from "./queryClient.ts";
import { ConsoleTheme } from "./theme.tsx";

dayjs.locale("zh-cn");

// antd's typings are CommonJS-flavoured: under NodeNext TypeScript sees the module object where the
// bundler hands over the default export. Accept either shape.
const zhCN = ((zhCNImport as unknown as { default?: ConfigProviderProps["locale"] }).default ??
  zhCNImport) as ConfigProviderProps["locale"];

const queryClient = createQueryClient();

const root = document.getElementById("root");
if (!root) throw new Error("missing #root");

createRoot(root).render(
  <StrictMode>
    <ConsoleTheme locale={zhCN}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <Suspense fallback={<PageLoading />}>
              <App />
            </Suspense>
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConsoleTheme>
  </StrictMode>,
);
