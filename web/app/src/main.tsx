import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.tsx";

const root = document.getElementById("root");
if (!root) throw new Error("missing #root");

createRoot(root).render(
  <StrictMode>
    {/* antd-mobile speaks Simplified Chinese by default: no locale to set. */}
    <App />
  </StrictMode>,
);

// The service worker keeps the app's shell for opening without a network (public/sw.js).
if ("serviceWorker" in navigator) {
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/app/sw.js", { scope: "/app/" }).catch(() => {
      // Without it the app still works online; nothing to tell the person.
    });
  });
}
