import { readFileSync } from 'node:fs';
import { arch, cpus, platform, release, totalmem } from 'node:os';

export interface MachineDetails {
  cpuModel: string;
  cores: number;
  memoryBytes: number;
  node: string;
  os: string;
  /** The kernel's name for the block device under the bench directory is not portable; the filesystem type is. */
  benchDirFilesystem?: string;
}

export function machineDetails(benchDir: string): MachineDetails {
  const cpu = cpus();
  const details: MachineDetails = {
    cpuModel: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memoryBytes: totalmem(),
    node: process.version,
    os: `${platform()} ${release()} ${arch()}`,
  };
  const filesystem = filesystemOf(benchDir);
  return filesystem ? { ...details, benchDirFilesystem: filesystem } : details;
}

/** The mount holding `dir` (longest matching mount point in /proc/mounts), e.g. `ext4 /dev/vda`; Linux only. */
function filesystemOf(dir: string): string | undefined {
  let mounts: string;
  try {
    mounts = readFileSync('/proc/mounts', 'utf8');
  } catch {
    return undefined;
  }
  let best: { point: string; text: string } | undefined;
  for (const line of mounts.split('\n')) {
    const [device, point, type] = line.split(' ');
    if (!device || !point || !type) continue;
    const inside = dir === point || dir.startsWith(point.endsWith('/') ? point : `${point}/`);
    if (inside && (!best || point.length > best.point.length)) best = { point, text: `${type} ${device}` };
  }
  return best?.text;
}
