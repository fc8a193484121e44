import { readdirSync, readFileSync } from "node:fs";

/*
 * Resident memory of the app server: the process and everything it started, from /proc, summed.
 * Sampled once a second for the whole run; the largest sum is reported.
 */

/** VmRSS from a /proc/<pid>/status text, in bytes; null when missing (a kernel thread, a zombie). */
export function parseVmRss(status: string): number | null {
  const match = status.match(/^VmRSS:\s+(\d+)\s+kB$/m);
  return match ? Number(match[1]) * 1024 : null;
}

/** `root` and its descendants, from a child → parent map. */
export function processTree(root: number, parents: ReadonlyMap<number, number>): number[] {
  const tree = [root];
  for (let i = 0; i < tree.length; i++)
    for (const [pid, parent] of parents) if (parent === tree[i] && !tree.includes(pid)) tree.push(pid);
  return tree;
}

function parentMap(): Map<number, number> {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name (in parentheses) may hold spaces: the fields after it are fixed.
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(Number(entry), ppid);
    } catch {
      // The process ended meanwhile.
    }
  }
  return parents;
}

/** The tree's summed RSS and its largest single process (a server process among cluster workers). */
export function treeRss(root: number): { total: number; largest: number } | null {
  let total = 0;
  let largest = 0;
  let seen = false;
  for (const pid of processTree(root, parentMap())) {
    try {
      const rss = parseVmRss(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (rss !== null) {
        total += rss;
        largest = Math.max(largest, rss);
        seen = true;
      }
    } catch {
      // Gone.
    }
  }
  return seen ? { total, largest } : null;
}

export type RssMax = { total: number | null; perProcess: number | null };

export function sampleRss(root: number, everyMs = 1000): { stop: () => RssMax } {
  const max: RssMax = { total: null, perProcess: null };
  const sample = () => {
    const rss = treeRss(root);
    if (rss === null) return;
    if (max.total === null || rss.total > max.total) max.total = rss.total;
    if (max.perProcess === null || rss.largest > max.perProcess) max.perProcess = rss.largest;
  };
  sample();
  const timer = setInterval(sample, everyMs);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return max;
    },
  };
}
