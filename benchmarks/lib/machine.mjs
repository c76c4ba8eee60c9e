// Description of the machine a benchmark runs on.
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, platform, release, totalmem } from 'node:os';

/** Returns the CPU model from /proc/cpuinfo on Linux, else the one Node.js reports. */
function cpuModel() {
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (match) return match[1].trim();
  } catch {
    // Not Linux: fall back to what libuv reports.
  }
  return cpus()[0]?.model ?? 'unknown';
}

/** Returns the machine fields printed above every benchmark table. */
export function describeMachine() {
  return {
    cpu: cpuModel(),
    cores: availableParallelism(),
    memoryGiB: (totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    os: `${platform()} ${release()}`,
  };
}

/** Returns the 1-minute load average, rounded to two decimals (0 on Windows). */
export function loadAverage() {
  return Number(loadavg()[0].toFixed(2));
}
