// What kind of file a body is, from its declared type and its first bytes: the extension to save it
// under, and whether it may be previewed as an image. No DOM here, so it is testable under Node.

/** A file extension for a body by its content type (`bin` when it says nothing useful). */
export function extensionFor(contentType: string | null): string {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (/[/+]json$/.test(type)) return 'json';
  if (/[/+]xml$/.test(type)) return 'xml';
  if (type === 'application/x-www-form-urlencoded') return 'txt';
  const known: Record<string, string> = { 'text/plain': 'txt', 'text/html': 'html', 'text/csv': 'csv', 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp', 'image/avif': 'avif', 'image/bmp': 'bmp', 'image/x-icon': 'ico', 'image/vnd.microsoft.icon': 'ico', 'application/pdf': 'pdf' };
  return known[type] ?? 'bin';
}

/**
 * The MIME type to preview a body as an image, or null. Raster formats only: an SVG is a document
 * that can carry script and links, so an untrusted one is never rendered. The type must be declared
 * and the bytes must start with that format's signature, so a mislabelled body is not fed to the decoder.
 */
export function previewableImage(contentType: string | null, bytes: Uint8Array): string | null {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  const ascii = (at: number, text: string) => [...text].every((ch, i) => bytes[at + i] === ch.charCodeAt(0));
  switch (type) {
    case 'image/png':
      return starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a) ? type : null;
    case 'image/jpeg':
    case 'image/jpg':
      return starts(0xff, 0xd8, 0xff) ? 'image/jpeg' : null;
    case 'image/gif':
      return ascii(0, 'GIF87a') || ascii(0, 'GIF89a') ? type : null;
    case 'image/webp':
      return ascii(0, 'RIFF') && ascii(8, 'WEBP') ? type : null;
    case 'image/bmp':
      return ascii(0, 'BM') ? type : null;
    case 'image/avif':
      return ascii(4, 'ftyp') ? type : null;
    default:
      return null;
  }
}
