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
});
