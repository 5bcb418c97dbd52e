import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.ts";
import { tileSources } from "./features/map/routes.ts";

describe("configuration", () => {
  it("reads the environment it is given, not process.env, with the documented defaults", () => {
    process.env.PORT = "not-a-port"; // would fail if read from process.env
    try {
      const config = loadConfig({});
      expect(config.port).toBe(3000);
      expect(config.databasePoolSize).toBe(10);
      expect(config.trustProxy).toBe(false);
      expect(config.runJobs).toBe(true);
      expect(config.loginMaxFailures).toBe(5);
      expect(config.loginMaxDelaySeconds).toBe(900);
    } finally {
      delete process.env.PORT;
    }
    const set = loadConfig({
      PORT: "8080",
      TRUST_PROXY: "1",
      DATABASE_POOL_SIZE: "25",
      ONEBOOK_JOBS: "0",
      DATABASE_URL: "postgres://onebook@127.0.0.1:5432/onebook",
      ONEBOOK_NOW: "2026-11-20T10:00:00+08:00",
    });
    expect(set).toMatchObject({ port: 8080, trustProxy: true, databasePoolSize: 25, runJobs: false });
    expect(set.clock.now().toISOString().slice(0, 16)).toBe("2026-11-20T02:00");
  });

  it("refuses a bad value with a Chinese message naming the variable", () => {
    const refused = (env: Record<string, string>) => {
      try {
        loadConfig(env);
      } catch (error) {
        return (error as Error).message;
      }
      return "accepted";
    };
    expect(refused({ DATABASE_POOL_SIZE: "ten" })).toMatch(
      /^环境变量 DATABASE_POOL_SIZE 应为 1 到 1000 之间的整数/,
    );
    expect(refused({ DATABASE_POOL_SIZE: "0" })).toContain("DATABASE_POOL_SIZE");
    expect(refused({ PORT: "3000.5" })).toContain("PORT");
    expect(refused({ PORT: "70000" })).toContain("PORT");
    expect(refused({ TRUST_PROXY: "yes" })).toBe('环境变量 TRUST_PROXY 应为 0 或 1，实际为 "yes"');
    expect(refused({ SECURE_COOKIES: "true" })).toContain("SECURE_COOKIES");
    expect(refused({ ONEBOOK_JOBS: "off" })).toContain("ONEBOOK_JOBS");
    expect(refused({ DATABASE_URL: "mysql://root:secret@db/x" })).toMatch(/DATABASE_URL.*PostgreSQL/);
    expect(refused({ DATABASE_URL: "mysql://root:secret@db/x" })).not.toContain("secret");
    expect(refused({ LOG_LEVEL: "loud" })).toContain("LOG_LEVEL");
    expect(refused({ BACKUP_SCHEDULE: "every night" })).toContain("BACKUP_SCHEDULE");
    expect(refused({ ONEBOOK_NOW: "2026-11-20" })).toContain("ONEBOOK_NOW");
    expect(refused({ LOGIN_LOCK_MINUTES: "15" })).toContain("LOGIN_MAX_DELAY_SECONDS");
    expect(refused({ ONEBOOK_MAP_TILES: "https://tiles.example.cn/tile.png" })).toContain(
      "ONEBOOK_MAP_TILES",
    );
    expect(refused({ ONEBOOK_MAP_TILES: "ftp://tiles.example.cn/{z}/{x}/{y}.png" })).toContain(
      "ONEBOOK_MAP_TILES",
    );
  });

  it("reads the map tiles, and lets the page load them (CSP img-src)", () => {
    expect(loadConfig({}).mapTiles).toBeUndefined();
    const config = loadConfig({
      ONEBOOK_MAP_TILES: "https://{s}.tiles.example.cn/{z}/{x}/{y}.png?key=K",
      ONEBOOK_MAP_ATTRIBUTION: "© 省地理信息公共服务平台",
    });
    expect(config.mapTiles).toEqual({
      url: "https://{s}.tiles.example.cn/{z}/{x}/{y}.png?key=K",
      attribution: "© 省地理信息公共服务平台",
    });
    expect(tileSources(config)).toEqual(["https://*.tiles.example.cn"]);
    expect(tileSources(loadConfig({ ONEBOOK_MAP_TILES: "http://10.0.0.5:8080/{z}/{x}/{y}.png" }))).toEqual([
      "http://10.0.0.5:8080",
    ]);
  });
});
