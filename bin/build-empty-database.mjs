#!/usr/bin/env node
// Runs at `npm ci` / `npm install` (the `prepare` script) and in `npm run build`: archives a new,
// migrated, empty embedded database into dist/ so that a first start unpacks it instead of running
// initdb and the migrations (src/db/empty-database.ts says when it is used).
import { register } from "tsx/esm/api";

register();
const { buildEmptyDatabaseArchive } = await import("../src/db/empty-database.ts");
const made = await buildEmptyDatabaseArchive(process.argv.includes("--if-needed"));
if (made !== "current") console.log(`onebook: empty database archived for first starts (${made})`);
