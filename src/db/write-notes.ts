// What this process has written to a database, by area: counters that the caches of derived views
// (Today's office states and side items, features/today/cache.ts) compare with the values they were
// made at, so that a write refreshes only what it can have changed.
//
// They belong to the database handle, not to a server: the background jobs (jobs/sweep.ts, the
// exchange's deliveries), the command line and the tests write through the same `Db` as the server
// that shows Today, without a server of their own; what counts is that the database was written, by
// whom does not. Writes of other processes (other PostgreSQL instances) are not here: the caches look
// for them in the database itself every few seconds (features/today/office-state.ts).
export class WriteNotes {
  /** Writes that may have changed anything. */
  private everything = 0;
  /** Writes that may have changed only the areas named. */
  private readonly byArea = new Map<string, number>();
  private total = 0;

  /** Notes a write that may have changed the given areas; without areas, anything. */
  note(areas?: readonly string[]): void {
    this.total++;
    if (!areas) {
      this.everything++;
      return;
    }
    for (const area of areas) this.byArea.set(area, (this.byArea.get(area) ?? 0) + 1);
  }

  /** Changes whenever a write may have changed `area`. */
  version(area: string): number {
    return this.everything + (this.byArea.get(area) ?? 0);
  }

  /** Changes on every write, whatever it touched. */
  any(): number {
    return this.total;
  }
}
