// Is there room on the disk for captures? After a full disk, the first space freed must go to
// captures, not to maintenance (checkpoints, search indexing, background retention), which could eat
// it and leave the receiver answering 503. Maintenance asks here first and waits while the free
// space is under a reserve. The reserve is HOOKSCOPE_DISK_RESERVE (e.g. 64m; default 32 MiB).
import fs from 'node:fs';
import path from 'node:path';
import { parseByteSize } from '../../../shared/units.js';

export const DEFAULT_DISK_RESERVE = 32 * 1024 * 1024;
/** statfs is cheap but not free: one look per this long is plenty. */
const RECHECK_MS = 1_000;

export function diskReserveBytes(env: NodeJS.ProcessEnv = process.env): number {
  const configured = env.HOOKSCOPE_DISK_RESERVE ? parseByteSize(env.HOOKSCOPE_DISK_RESERVE) : null;
  return configured ?? DEFAULT_DISK_RESERVE;
}

/** Free bytes available to this user on the disk holding `file` (Infinity when it cannot be told). */
export function freeBytesNear(file: string): number {
  try {
    const stats = fs.statfsSync(path.dirname(path.resolve(file)));
    return stats.bavail * stats.bsize;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

export class DiskRoom {
  private checkedAt = -Infinity;
  private room = true;

  constructor(
    private readonly file: string,
    readonly reserveBytes = diskReserveBytes(),
  ) {}

  /** True while the disk has more than the reserve free (always for an in-memory database). */
  forMaintenance(now = Date.now()): boolean {
    if (this.file === ':memory:' || this.file === '') return true;
    if (now - this.checkedAt >= RECHECK_MS) {
      this.checkedAt = now;
      this.room = freeBytesNear(this.file) > this.reserveBytes;
    }
    return this.room;
  }
}
