// A distance in whole seconds as verdicts word it ("12 s", "5 min", "1.5 h"). Its own file, free of
// Node imports, so the renderer words a timestamp's age the way the verdict's reason does.
export function formatSeconds(total: number): string {
  if (total < 120) return `${total} s`;
  if (total < 7200) return `${Math.round(total / 60)} min`;
  if (total < 172800) return `${(total / 3600).toFixed(1).replace(/\.0$/, '')} h`;
  return `${Math.round(total / 86400)} days`;
}
