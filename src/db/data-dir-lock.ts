// One process at a time on an embedded database folder: PGlite is a single-process database, and
// two processes writing the same folder would corrupt it. The lock is a file holding the owner's
// pid; a lock left by a process that no longer runs is taken over.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "../shared/user-error.ts";

export class DataDirInUseError extends UserError {}

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
      writeFileSync(file, String(process.pid), { flag: "wx" });
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
      const owner = Number(readFileSync(file, "utf8").trim());
      if (Number.isInteger(owner) && owner > 0 && isRunning(owner)) {
        throw new DataDirInUseError(
          `数据目录 ${dataDir} 正被另一个 onebook 进程（pid ${owner}）使用：嵌入式数据库同一时间只能由一个进程打开。` +
            `请先停止该进程；服务运行期间的备份请用定时备份（BACKUP_DIR）。`,
        );
      }
      rmSync(file, { force: true }); // stale: its owner is gone
    }
  }
  throw new DataDirInUseError(`无法锁定数据目录 ${dataDir}`);
}
