// Every Excel export the API offers (each route whose OpenAPI entry produces a spreadsheet), opened for
// the demo county and read back with exceljs: no cell may hold a number or a date as text. Numbers are
// number cells, days and times Excel dates with a display format. A new export fails here until the
// test knows how to open it.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, startTestApp, type TestApp } from "../helpers/app.ts";
import { databaseLabel } from "../helpers/database.ts";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/** Text that is a number, a percent, a day or a time on its own: it should have been typed. */
const NUMBER_LIKE = /^\s*[-+]?\d+(\.\d+)?\s*%?\s*$/;
const DATE_LIKE = /^\s*\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)?)?\s*$/;

describe(`Excel exports write typed cells (${databaseLabel})`, () => {
  let t: TestApp;
  let agency: Client;
  let assistant: Client;

  beforeAll(async () => {
    t = await startTestApp();
    agency = await t.signIn("agency.head");
    assistant = await t.signIn("chengguan.assistant");
  }, 240_000);
  afterAll(() => t?.close());

  /** The URLs that open each spreadsheet route for the demo county. */
  async function urlsFor(path: string): Promise<{ client: Client; url: string }[]> {
    switch (path) {
      case "/api/dashboards/export":
        return ["day", "week", "month"].map((period) => ({
          client: agency,
          url: `${path}?period=${period}`,
        }));
      case "/api/statistics/export":
        return ["month", "quarter", "year"].map((period) => ({
          client: agency,
          url: `${path}?period=${period}`,
        }));
      case "/api/leave/files/{id}/register": {
        // The office hands in last month's leave files; the register lists them.
        const files = JSON.parse((await assistant.get("/api/leave/files")).body);
        const handin = await assistant.post("/api/leave/files", { month: files.month });
        expect(handin.statusCode, handin.body).toBe(201);
        const id = JSON.parse(handin.body).id as number;
        return [{ client: assistant, url: `/api/leave/files/${id}/register` }];
      }
      case "/api/resettlement/export":
      case "/api/aftercare/export":
        // The ledgers of the demo's released prisoners and after-care persons, as of today.
        return [{ client: agency, url: path }];
      default:
        throw new Error(`the test does not know how to open the export ${path}`);
    }
  }

  it("finds no number or date written as text in any sheet", async () => {
    const spec = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const exports = Object.entries(spec.paths)
      .filter(([, ops]) => JSON.stringify(ops.get ?? {}).includes(XLSX))
      .map(([path]) => path)
      .sort();
    expect(exports).toEqual(
      expect.arrayContaining([
        "/api/dashboards/export",
        "/api/leave/files/{id}/register",
        "/api/statistics/export",
        "/api/resettlement/export",
        "/api/aftercare/export",
      ]),
    );
    const problems: string[] = [];
    let cells = 0;
    let typed = 0;
    for (const path of exports)
      for (const { client, url } of await urlsFor(path)) {
        const response = await client.get(url);
        expect(response.statusCode, `${url}: ${response.body.slice(0, 300)}`).toBe(200);
        expect(response.headers["content-type"]).toContain(XLSX);
        const book = new ExcelJS.Workbook();
        await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
        book.eachSheet((ws) =>
          ws.eachRow((row, r) =>
            row.eachCell((cell, c) => {
              cells++;
              const v = cell.value;
              if (typeof v === "number" || v instanceof Date) typed++;
              if (v instanceof Date && !cell.numFmt)
                problems.push(`${url} ${ws.name}!R${r}C${c}: a date without a format`);
              if (typeof v === "string" && (NUMBER_LIKE.test(v) || DATE_LIKE.test(v)))
                problems.push(`${url} ${ws.name}!R${r}C${c}: "${v}" is text`);
            }),
          ),
        );
      }
    expect(problems).toEqual([]);
    expect(typed, "the exports hold numbers and dates").toBeGreaterThan(0);
    expect(cells).toBeGreaterThan(typed);
  }, 240_000);
});
