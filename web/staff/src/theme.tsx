// The console's look: one antd theme, in two sizes. On a desk (md and wider) the compact theme shows
// much on one screen; on a phone (narrower than md, 768 px) the default sizes with controls at least
// 44 px high, so that fields and buttons can be hit with a thumb. Colours meet WCAG AA contrast
// (4.5:1 for text, checked by axe in e2e/a11y.e2e.test.ts): links and secondary text are darker than
// antd's defaults; tags' text colours are darker shades (tagText).
import { ConfigProvider, type ConfigProviderProps, Grid, type ThemeConfig, theme } from "antd";
import type { ReactNode } from "react";
import "./console.css";

const token: ThemeConfig["token"] = {
  colorPrimary: "#1f5fae",
  colorInfo: "#1f5fae",
  colorLink: "#1f5fae",
  colorLinkHover: "#164a8a",
  colorLinkActive: "#0f3a6e",
  // Secondary and description text (antd: 45% black, 3.4:1 on white) at 60% black: 5.7:1 on white,
  // 5.1:1 on the page's grey.
  colorTextTertiary: "rgba(0, 0, 0, 0.6)",
  colorTextDescription: "rgba(0, 0, 0, 0.6)",
  // "No data" and disabled text (antd: 25% black, 1.8:1): still lighter than text, but readable.
  colorTextDisabled: "rgba(0, 0, 0, 0.56)",
  // Placeholders (全部司法所 in a filter; antd: 25% black) likewise: 4.9:1 on white.
  colorTextPlaceholder: "rgba(0, 0, 0, 0.56)",
  borderRadius: 4,
  fontFamily:
    '-apple-system, BlinkMacSystemFont, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "Segoe UI", sans-serif',
};

/** Tags write their text in a colour's 7th shade (preset colours) or the status colour on a light
 * background: for orange, gold, yellow, lime, green, cyan, volcano and the status colours that is 4:1 or
 * less. Within tags only, those shades are one to two steps darker (4.5:1 or more on their own light
 * background, WCAG AA); the hue, and so the meaning (red/orange/yellow/blue alerts), stays. */
const tagText = {
  volcano7: "#ad2102",
  orange7: "#ad4e00",
  gold7: "#874d00",
  yellow7: "#876800",
  lime7: "#3f6600",
  green7: "#237804",
  cyan7: "#006d75",
  colorSuccess: "#237804",
  colorWarning: "#ad4e00",
  colorError: "#cf1322",
};

const components: ThemeConfig["components"] = {
  Tag: tagText,
  // A finished progress writes its figure (0/0) in the success green: antd's #52c41a is 2.3:1 on white.
  Progress: { colorSuccess: "#237804" },
  Layout: { headerBg: "#ffffff", headerHeight: 52, headerPadding: "0 16px", siderBg: "#0f2a4a" },
  Menu: { darkItemBg: "#0f2a4a", darkSubMenuItemBg: "#0b2240", darkItemSelectedBg: "#1f5fae" },
};

const desk: ThemeConfig = { algorithm: theme.compactAlgorithm, token, components };

/** Touch targets: WCAG 2.5.5 and the platforms' guides ask for about 44 px. */
export const TOUCH_PX = 44;

const phone: ThemeConfig = {
  algorithm: theme.defaultAlgorithm,
  token: { ...token, controlHeight: TOUCH_PX, controlHeightSM: TOUCH_PX, controlHeightLG: 48, fontSize: 15 },
  components: {
    ...components,
    Layout: { ...components.Layout, headerPadding: "0 8px" },
    Menu: { ...components.Menu, itemHeight: TOUCH_PX },
  },
};

/** True on a phone-sized screen (narrower than antd's md breakpoint). */
export function usePhone(): boolean {
  // Before the first measurement the breakpoints are unknown (undefined): treat as a desk.
  return Grid.useBreakpoint().md === false;
}

export function ConsoleTheme({
  locale,
  children,
}: {
  locale: ConfigProviderProps["locale"];
  children: ReactNode;
}) {
  const isPhone = usePhone();
  return (
    <ConfigProvider locale={locale} theme={isPhone ? phone : desk}>
      {children}
    </ConfigProvider>
  );
}
