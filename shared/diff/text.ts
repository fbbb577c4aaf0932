// Line diff for bodies that are not JSON, with diff-match-patch (the library jsondiffpatch bundles) in
// its line mode: each distinct line becomes one character, so the diff runs over lines, not letters.
import { diff_match_patch, DIFF_DELETE, DIFF_INSERT, type Diff } from '@dmsnell/diff-match-patch';
import type { LineChange } from './types.js';

/** The line-mode helpers diff-match-patch has but does not declare in its types. */
interface LineMode {
  diff_linesToChars_(a: string, b: string): { chars1: string; chars2: string; lineArray: string[] };
  diff_charsToLines_(diffs: Diff[], lineArray: string[]): void;
}

export function diffLines(oldText: string, newText: string): LineChange[] {
  const dmp = new diff_match_patch();
  dmp.Diff_Timeout = 2; // seconds: a pathological pair gives a coarser diff rather than a frozen UI
  const lines = dmp as unknown as LineMode;
  const { chars1, chars2, lineArray } = lines.diff_linesToChars_(oldText, newText);
  const diffs = dmp.diff_main(chars1, chars2, false);
  lines.diff_charsToLines_(diffs, lineArray);
  return diffs
    .filter((d) => d[1] !== '')
    .map((d) => ({ kind: d[0] === DIFF_INSERT ? 'added' : d[0] === DIFF_DELETE ? 'removed' : 'equal', text: d[1] }));
}
