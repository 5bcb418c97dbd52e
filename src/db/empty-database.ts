// The archive of a new, migrated, empty embedded database, made once at install (`prepare`:
// bin/build-empty-database.mjs): a new database folder starts by unpacking it instead of running
// PGlite's initdb and every migration on disk (together most of a first start's wait). It is used only
// when it was made by the PGlite now installed from the migrations now present (the fingerprint);
// otherwise a folder starts the ordinary way. So the archive can make a start faster, never different:
// it holds no row, and `migrate` runs after it as on any start.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../shared/project-root.ts";
import { openDatabase } from "./connect.ts";
import { listMigrations, migrate } from "./migrate.ts";

const archivePath = join(projectRoot, "dist", "empty-database.tar");
const stampPath = join(projectRoot, "dist", "empty-database.json");

/** What the archive depends on: the installed PGlite and the migrations, names and text. */
export function emptyDatabaseFingerprint(): string {
  const pglite = JSON.parse(
    readFileSync(join(projectRoot, "node_modules", "@electric-sql", "pglite", "package.json"), "utf8"),
  ).version;
  const hash = createHash("sha256").update(`pglite ${pglite}\n`);
  for (const m of listMigrations()) hash.update(`${m.version} ${m.name}\n${m.sql}\n`);
  return hash.digest("hex");
}

function archiveIsCurrent(): boolean {
  if (!existsSync(archivePath) || !existsSync(stampPath)) return false;
  try {
    return JSON.parse(readFileSync(stampPath, "utf8")).fingerprint === emptyDatabaseFingerprint();
  } catch {
    return false;
  }
}

/** The archive for a new folder, or undefined (missing or made from other code): initdb then. */
export function emptyDatabaseArchive(): Blob | undefined {
  return archiveIsCurrent() ? new Blob([readFileSync(archivePath)]) : undefined;
}

/** Makes the archive (at install); with `ifNeeded`, only when missing or not current. */
export async function buildEmptyDatabaseArchive(ifNeeded: boolean): Promise<string> {
  if (ifNeeded && archiveIsCurrent()) return "current";
  const db = await openDatabase({ memory: true });
  let archive: Buffer;
  try {
    await migrate(db);
    if (!db.dumpDataDir) throw new Error("the embedded database cannot be archived");
    archive = Buffer.from(await (await db.dumpDataDir()).arrayBuffer());
  } finally {
    await db.close();
  }
  mkdirSync(join(projectRoot, "dist"), { recursive: true });
  writeFileSync(`${archivePath}.part`, archive);
  renameSync(`${archivePath}.part`, archivePath); // never a half-written archive under the real name
  writeFileSync(stampPath, `${JSON.stringify({ fingerprint: emptyDatabaseFingerprint() })}\n`);
  return `${(archive.length / 1e6).toFixed(1)} MB`;
}
