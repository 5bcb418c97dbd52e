// What the care features' integration tests (调查评估, 安置帮教, 后续照管) share: the demo county with an
// office's assistant (城关) and an agency worker signed in, a post that expects its status, and the
// items on a user's Today for the month ahead.
import { expect } from "vitest";
import { type Client, startTestApp, type TestApp } from "./app.ts";

export interface CareApp {
  t: TestApp;
  /** chengguan.assistant: an office that records. */
  office: Client;
  /** agency.staff1: the county's agency. */
  agency: Client;
}

export async function startCareApp(): Promise<CareApp> {
  const t = await startTestApp();
  return { t, office: await t.signIn("chengguan.assistant"), agency: await t.signIn("agency.staff1") };
}

/** Posts `body` and expects `status` (201 unless said); the answer parsed. */
export async function postExpecting(client: Client, url: string, body: unknown, status = 201) {
  const response = await client.post(url, body);
  expect(response.statusCode, response.body).toBe(status);
  return JSON.parse(response.body);
}

/** Every item on the user's Today due within the next 31 days. */
export async function todayItems<T>(client: Client): Promise<T[]> {
  return JSON.parse((await client.get("/api/today?horizon=31&limit=2000")).body).items as T[];
}
