// `onebook policy show COUNTY` and `onebook policy set COUNTY FILE`: a county's rules from the
// command line (an operator's alternative to the agency head's PUT /api/policy). The file is a setting
// as the API takes it — {"profile": "<shipped id>"} or {"basedOn", "id", "name", "changes", "note"?}.
// Bad input exits 2 with one line naming the JSON path; the change is one audited transaction.
import { readFile } from "node:fs/promises";
import { systemActor } from "../../audit/audit.ts";
import { loadConfig } from "../../config.ts";
import { type Db, openDatabase } from "../../db/connect.ts";
import { migrate } from "../../db/migrate.ts";
import { loadCountyPolicy } from "./county-policy.ts";
import { resolveSetting, storeCountyPolicy } from "./setting.ts";

const usage = `用法: onebook policy show COUNTY
      onebook policy set COUNTY FILE   (FILE: {"profile": "yirenyice-2025"} 或 {"basedOn", "id", "name", "changes"})`;

const operator = { ...systemActor, name: "运维命令行", role: "operator" };

async function countyExists(db: Db, countyId: string): Promise<boolean> {
  const row = await db.kysely
    .selectFrom("place")
    .select("id")
    .where("id", "=", countyId)
    .where("kind", "=", "county")
    .executeTakeFirst();
  return !!row;
}

export interface CommandIo {
  log(line: string): void;
  error(line: string): void;
}

/** Opens the configured database (PGlite in ONEBOOK_DATA, or DATABASE_URL) and runs the command. */
export async function runPolicyCommand(args: string[]): Promise<number> {
  const [sub, countyId, file] = args;
  if (!countyId || (sub !== "show" && sub !== "set") || (sub === "set" && !file)) {
    console.error(usage);
    return 2;
  }
  const config = loadConfig();
  const db = await openDatabase(
    config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir },
  );
  try {
    await migrate(db);
    return await policyCommand(db, args);
  } finally {
    await db.close();
  }
}

/** The command on an open, migrated database. */
export async function policyCommand(db: Db, args: string[], io: CommandIo = console): Promise<number> {
  const [sub, countyId, file] = args;
  if (!countyId || (sub !== "show" && sub !== "set") || (sub === "set" && !file)) {
    io.error(usage);
    return 2;
  }
  let setting: unknown;
  if (sub === "set") {
    try {
      setting = JSON.parse(await readFile(file!, "utf8"));
    } catch (error) {
      io.error(`${file}: 无法读取或不是有效的 JSON（${(error as Error).message}）`);
      return 2;
    }
  }
  if (!(await countyExists(db, countyId))) {
    io.error(`COUNTY: 没有编号为 ${countyId} 的县（社区矫正机构）`);
    return 2;
  }
  if (sub === "set") {
    const resolved = resolveSetting(setting);
    if (!resolved.ok) {
      io.error(`invalid input at ${resolved.problem.field}: ${resolved.problem.message}`);
      return 2;
    }
    const version = await db.kysely
      .transaction()
      .execute((trx) => storeCountyPolicy(trx, operator, countyId, resolved.value));
    io.log(`县 ${countyId} 的规则已设置为 ${resolved.value.profile.id}（第${version}版）`);
    return 0;
  }
  const policy = await loadCountyPolicy(db.kysely, countyId);
  io.log(
    JSON.stringify(
      {
        county: countyId,
        profile: policy.profile.id,
        name: policy.profile.name,
        basedOn: policy.basedOn,
        version: policy.version,
        setAt: policy.setAt?.toISOString() ?? null,
        setBy: policy.setByName,
        note: policy.note,
      },
      null,
      2,
    ),
  );
  return 0;
}
