// A handful of stroke icons drawn inline (no icon font, nothing fetched), sized to the text.
export type IconName = 'valid' | 'invalid' | 'unsigned' | 'no-secret' | 'copy' | 'check' | 'eye' | 'eye-off' | 'close' | 'search' | 'refresh' | 'inbox' | 'plug';

const PATHS: Record<IconName, string> = {
  valid: 'M3.5 8.5l3 3 6-7',
  invalid: 'M4 4l8 8M12 4l-8 8',
  unsigned: 'M3 8h10',
  'no-secret': 'M10 6.5a2.5 2.5 0 1 1-2.2 3.7L3 15M5 13l1.5 1.5M6.5 11.5L8 13',
  copy: 'M5.5 5.5h7v8h-7zM3.5 10.5v-8h7',
  check: 'M3.5 8.5l3 3 6-7',
  eye: 'M1.5 8s2.5-4.5 6.5-4.5S14.5 8 14.5 8 12 12.5 8 12.5 1.5 8 1.5 8zM8 10a2 2 0 1 0 0-4 2 2 0 0 0 0 4z',
  'eye-off': 'M2 2l12 12M6.6 3.7A6.7 6.7 0 0 1 8 3.5c4 0 6.5 4.5 6.5 4.5a11 11 0 0 1-1.9 2.4M4 5.2A11 11 0 0 0 1.5 8S4 12.5 8 12.5c1 0 1.9-.3 2.7-.7',
  close: 'M4 4l8 8M12 4l-8 8',
  search: 'M7 12A5 5 0 1 0 7 2a5 5 0 0 0 0 10zM10.5 10.5L14 14',
  refresh: 'M13 3v3.5H9.5M13 6.5A5.5 5.5 0 1 0 13.5 10',
  inbox: 'M2 9l2-6h8l2 6v4H2zM2 9h3.5l1 2h3l1-2H14',
  plug: 'M6 2v3M10 2v3M4.5 5h7v3a3.5 3.5 0 0 1-7 0zM8 11.5V14',
};

export function Icon({ name, title }: { name: IconName; title?: string }) {
  return (
    <svg className="icon" viewBox="0 0 16 16" width="1em" height="1em" aria-hidden={title ? undefined : true} role={title ? 'img' : undefined}>
      {title ? <title>{title}</title> : null}
      <path d={PATHS[name]} fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
