// One process at a time on an embedded database folder: PGlite is a single-process database, and
// two processes writing the same folder would corrupt it. The lock is a file holding the owner's
// pid and a token of the process that wrote it; a lock left by a process that no longer runs is taken
// over. A lock holding our own pid but another process's token is stale too: in a container the
// server is PID 1 after every restart, so after a kill -9 the old lock names the new process.
import { randomBytes } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "../shared/user-error.ts";

export class DataDirInUseError extends UserError {}

/** This process's token, fixed for its life: tells our own locks from a former process's with our pid. */
const PROCESS_TOKEN = randomBytes(8).toString("hex");

/** Is the lock `content` held by a live process (this one included, when it wrote it)? */
function heldBy(content: string): number | null {
  const [pidText, token] = content.trim().split(/\s+/);
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  if (pid === process.pid) return token === PROCESS_TOKEN ? pid : null;
  return isRunning(pid) ? pid : null;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the folder's lock or throws DataDirInUseError; returns the function that releases it. */
export function lockDataDir(dataDir: string): () => void {
  const file = join(dataDir, "onebook.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, `${process.pid} ${PROCESS_TOKEN}`, { flag: "wx" });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        rmSync(file, { force: true });
        process.off("exit", release);
      };
      process.on("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = heldBy(readFileSync(file, "utf8"));
      if (owner !== null) {
        throw new DataDirInUseError(
          `数据目录 ${dataDir} 正被另一个 onebook 进程（pid ${owner}）使用：嵌入式数据库同一时间只能由一个进程打开。` +
            `请先停止该进程；服务运行期间的备份请用定时备份（BACKUP_DIR）。`,
        );
      }
      rmSync(file, { force: true }); // stale: its owner is gone (or was a former process with our pid)
    }
  }
  throw new DataDirInUseError(`无法锁定数据目录 ${dataDir}`);
}
