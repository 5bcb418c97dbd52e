// /health answers 200 with the database's state while it is reachable, and 503 when it is not.
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { listMigrations } from "../../src/db/migrate.ts";

const latestVersion = listMigrations().at(-1)!.version;

import { buildServer } from "../../src/server.ts";
import { databaseLabel, openTestDatabase } from "../helpers/database.ts";

describe(`health (${databaseLabel})`, () => {
  it("reports the database up, then down", async () => {
    const database = await openTestDatabase();
    const { app } = await buildServer(database.db, loadConfig({}), { logger: false });
    const up = await app.inject({ method: "GET", url: "/health" });
    expect(up.statusCode).toBe(200);
    expect(JSON.parse(up.body)).toMatchObject({
      status: "ok",
      database: { status: "ok", schemaVersion: latestVersion },
    });
    await database.close();
    const down = await app.inject({ method: "GET", url: "/health" });
    expect(down.statusCode).toBe(503);
    expect(JSON.parse(down.body).status).toBe("down");
    await app.close();
  });

  it("serves the OpenAPI document with every API route", async () => {
    const database = await openTestDatabase();
    const { app, apiRoutes } = await buildServer(database.db, loadConfig({}), { logger: false });
    const doc = JSON.parse((await app.inject({ method: "GET", url: "/api/docs/json" })).body);
    expect(doc.openapi).toMatch(/^3\./);
    for (const route of apiRoutes) {
      const path = route.url.replace(/:(\w+)/g, "{$1}");
      expect(doc.paths[path]?.[route.method.toLowerCase()], `${route.method} ${route.url}`).toBeDefined();
    }
    await app.close();
    await database.close();
  });

  it("documents every operation's error responses and what a download returns", async () => {
    const database = await openTestDatabase();
    const { app, apiRoutes } = await buildServer(database.db, loadConfig({}), { logger: false });
    const doc = JSON.parse((await app.inject({ method: "GET", url: "/api/docs/json" })).body);
    const errorShape = (response: { content?: Record<string, { schema?: { properties?: object } }> }) =>
      Object.keys(
        (response.content?.["application/json"]?.schema?.properties as { error?: { properties?: object } })
          ?.error?.properties ?? {},
      );
    const downloads: string[] = [];
    for (const route of apiRoutes) {
      const name = `${route.method} ${route.url}`;
      const op = doc.paths[route.url.replace(/:(\w+)/g, "{$1}")][route.method.toLowerCase()];
      const statuses = Object.keys(op.responses);
      const takesInput = (op.parameters?.length ?? 0) > 0 || op.requestBody !== undefined;
      const isPublic = "public" in route.access;
      if (takesInput) {
        expect(statuses, name).toContain("400");
        expect(errorShape(op.responses["400"]), name).toEqual(["code", "message", "field"]);
      }
      if (!isPublic) expect(statuses, name).toEqual(expect.arrayContaining(["401", "403"]));
      if (route.method !== "GET") expect(statuses, `${name} (CSRF)`).toContain("403");
      if (route.url.includes(":")) expect(statuses, name).toContain("404");
      const success = statuses.filter((s) => s.startsWith("2"));
      expect(success.length, name).toBeGreaterThan(0);
      for (const status of success) {
        if (status === "204") continue;
        const types = Object.keys(op.responses[status].content ?? {});
        expect(types.length, `${name} ${status} has a content type`).toBeGreaterThan(0);
        if (!types.includes("application/json")) downloads.push(`${route.url} ${types.join(",")}`);
      }
    }
    expect(doc.paths["/api/auth/login"].post.responses).toHaveProperty("429");
    expect(doc.paths["/api/subjects/{id}/book/sections/{section}"].put.responses).toHaveProperty("409");
    const docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    const xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    expect(downloads).toEqual(
      expect.arrayContaining([
        `/api/subjects/:id/book/export ${docx}`,
        `/api/dashboards/export ${xlsx}`,
        "/api/handovers/:handoverId/documents/:documentId application/pdf,image/jpeg,image/png",
        "/api/subjects/:id/documents/:documentId application/pdf,image/jpeg,image/png",
        "/api/subjects/:id/photos/:photoId image/jpeg,image/png,image/webp",
      ]),
    );
    await app.close();
    await database.close();
  });
});
