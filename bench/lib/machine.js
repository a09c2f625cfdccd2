/** What a benchmark ran on, for its JSON and its README table. */
import os from 'node:os';

export function machine() {
  const cpus = os.cpus();
  return {
    hostname: os.hostname(),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    loadavg: os.loadavg().map((l) => Number(l.toFixed(2))),
    node: process.version,
  };
}
