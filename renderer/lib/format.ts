// Small formatters shared by the views: compact, locale-aware where the user reads them.

export { formatBytes } from '../../shared/units.js';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
const shortTimeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hour12: false });
const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

/** "14:03:07.412" today, "Mar 20 14:03" on other days (same width, so the column stays narrow). */
export function formatTime(iso: string, now = new Date()): string {
  const d = new Date(iso);
  if (d.toDateString() === now.toDateString()) return `${timeFormat.format(d)}.${String(d.getMilliseconds()).padStart(3, '0')}`;
  return `${dayFormat.format(d)} ${shortTimeFormat.format(d)}`;
}

export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

export function formatDuration(ms: number): string {
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const minutes = ms / 60_000;
  if (minutes < 60) return `${+minutes.toFixed(1)} min`;
  const hours = minutes / 60;
  return hours < 48 ? `${+hours.toFixed(1)} h` : `${+(hours / 24).toFixed(1)} d`;
}

export function pluralize(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}
