export * from "./compiled.ts";
export * from "./registry.ts";
export * from "./schema.ts";
