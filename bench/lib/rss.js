/**
 * Peak resident memory of a process tree, sampled from /proc on Linux.
 *
 * Each sample walks the tree (/proc/<pid>/task/<tid>/children) and reads VmRSS and VmHWM from
 * /proc/<pid>/status. The reported peak is the larger of
 *   - the highest sum of VmRSS over the tree seen in one sample (processes alive at the same time), and
 *   - the highest single-process VmHWM (the kernel's own high-water mark, exact up to the last sample).
 * What happens in the last interval before a process exits can be missed; with a 10 ms interval and
 * runs of hundreds of milliseconds or more, that is a small error. Elsewhere (no /proc) it reports null.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';

const HAS_PROC = process.platform === 'linux' && existsSync('/proc/self/status');

export class RssSampler {
  /**
   * @param {number} rootPid
   * @param {number} intervalMs
   * @param {{ skipRoot?: boolean }} [options]  skipRoot: the root is a wrapper (GNU time); count only its descendants
   */
  constructor(rootPid, intervalMs, options = {}) {
    this.rootPid = rootPid;
    this.skipRoot = options.skipRoot ?? false;
    this.treeMaxKb = 0;
    this.hwmMaxKb = 0;
    this.samples = 0;
    this.timer = HAS_PROC ? setInterval(() => this.sample(), intervalMs) : null;
    if (this.timer) this.sample();
  }

  sample() {
    let sum = 0;
    for (const pid of this.tree()) {
      if (this.skipRoot && pid === this.rootPid) continue;
      const status = readStatus(pid);
      if (!status) continue;
      sum += status.rssKb;
      if (status.hwmKb > this.hwmMaxKb) this.hwmMaxKb = status.hwmKb;
    }
    if (sum > this.treeMaxKb) this.treeMaxKb = sum;
    this.samples++;
  }

  /** @returns {number[]} the root and all its descendants alive now */
  tree() {
    const out = [];
    const queue = [this.rootPid];
    while (queue.length > 0) {
      const pid = /** @type {number} */ (queue.shift());
      out.push(pid);
      let tasks = [];
      try {
        tasks = readdirSync(`/proc/${pid}/task`);
      } catch {
        continue;
      }
      for (const tid of tasks) {
        try {
          for (const child of readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ')) {
            if (child.trim() !== '') queue.push(Number(child));
          }
        } catch {
          // the task ended between the listing and the read
        }
      }
    }
    return out;
  }

  stop() {
    if (this.timer) {
      // one last look: the process may still be a zombie-to-be with its counters readable
      this.sample();
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  /** @returns {number | null} KiB */
  peakKb() {
    if (!HAS_PROC || this.samples === 0) return null;
    const peak = Math.max(this.treeMaxKb, this.hwmMaxKb);
    return peak > 0 ? peak : null;
  }
}

/** @param {number} pid */
function readStatus(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = /^VmRSS:\s+(\d+) kB/m.exec(text);
    const hwm = /^VmHWM:\s+(\d+) kB/m.exec(text);
    if (!rss && !hwm) return null; // zombie: memory already released
    return { rssKb: rss ? Number(rss[1]) : 0, hwmKb: hwm ? Number(hwm[1]) : 0 };
  } catch {
    return null;
  }
}
