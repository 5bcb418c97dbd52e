#!/usr/bin/env node
// The `onebook` command. The sources are TypeScript run through tsx's loader, so a fresh clone works
// after `npm ci` with no separate build step for the server.
import { register } from "tsx/esm/api";

register();
await import("../src/cli.ts");
