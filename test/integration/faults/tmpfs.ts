// A real full disk for fault tests: a small tmpfs mounted for the test (needs root, as on the CI and
// development machines of this project). Where mounting is not allowed the tests that need it skip,
// saying why; store-level tests emulate SQLITE_FULL with max_page_count instead.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../../support/temp.js';

export interface SmallDisk {
  dir: string;
  /** Fills the disk with a filler file until the OS says ENOSPC, then frees `leaveBytes` of it. */
  fill(leaveBytes?: number): void;
  /** Frees `bytes` of the filler (all of it when absent). */
  free(bytes?: number): void;
  unmount(): void;
}

export function mountSmallDisk(sizeBytes: number): SmallDisk | null {
  const dir = tempDir('hookscope-tmpfs-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeBytes}`, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    return null;
  }
  const filler = path.join(dir, 'filler');
  return {
    dir,
    fill(leaveBytes = 0) {
      const fd = fs.openSync(filler, 'a');
      const chunk = Buffer.alloc(64 * 1024, 0x66);
      try {
        for (;;) fs.writeSync(fd, chunk);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
      }
      try {
        for (;;) fs.writeSync(fd, chunk, 0, 4096); // the last partial chunk's worth
      } catch {
        // full to the page
      } finally {
        fs.closeSync(fd);
      }
      if (leaveBytes > 0) fs.truncateSync(filler, Math.max(0, fs.statSync(filler).size - leaveBytes));
    },
    free(bytes) {
      if (!fs.existsSync(filler)) return;
      if (bytes === undefined) fs.rmSync(filler);
      else fs.truncateSync(filler, Math.max(0, fs.statSync(filler).size - bytes));
    },
    unmount() {
      try {
        execFileSync('umount', [dir], { stdio: 'ignore' });
      } catch {
        // already gone
      }
    },
  };
}

export const canMount = (() => {
  const probe = mountSmallDisk(1024 * 1024);
  probe?.unmount();
  return probe !== null;
})();
