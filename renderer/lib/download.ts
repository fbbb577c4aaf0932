// Saving bytes the page already holds as a file: a blob URL on a download link, released right after.
// Nothing is navigated to and nothing leaves the machine; the CSP needs no change for it.
export function downloadBytes(data: BlobPart, fileName: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([data], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
