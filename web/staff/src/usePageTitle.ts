import { useEffect } from "react";

const APP_TITLE = "一人一册 · 社区矫正工作平台";

export function usePageTitle(title: string | undefined) {
  useEffect(() => {
    document.title = title ? `${title} - ${APP_TITLE}` : APP_TITLE;
  }, [title]);
}
