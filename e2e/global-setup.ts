// Global set-up of the end-to-end tests: one first start of the product (`onebook start` on an empty
// folder seeds the demo county at the fixed instant), stopped and kept as the template each test
// file's product starts from (a copy, so files do not share data). Seeding once saves each file ≈ 10 s.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { FIXED_NOW } from "../test/helpers/fixed-now.ts";
import { startServer } from "./harness.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The data folder of a product seeded at FIXED_NOW and stopped. */
    e2eDataTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(join(tmpdir(), "onebook-e2e-template-"));
  const server = await startServer(dataDir, FIXED_NOW);
  await server.stop();
  project.provide("e2eDataTemplate", dataDir);
  return () => rmSync(dataDir, { recursive: true, force: true });
}
