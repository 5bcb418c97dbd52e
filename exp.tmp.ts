import { sql } from "kysely";
import { FIXED_NOW } from "./test/helpers/fixed-now.ts";
process.env.BENCH_LOCATION_REPORTS = "0";
const m = await import("./bench/location.bench.ts");
