export * from "./calendar-notice.ts";
export * from "./days.ts";
export * from "./due.ts";
export * from "./instant.ts";
export * from "./periods.ts";
export * from "./statutory-holidays.ts";
export * from "./working-days.ts";
