/**
 * A raster image body, shown from a data: URL of its own bytes with an image MIME type (the CSP's
 * img-src allows data: and nothing remote). An <img> decodes pixels only: no script, no links, no
 * requests; SVG never gets here (see previewableImage).
 */
export function ImagePreview({ mimeType, base64 }: { mimeType: string; base64: string }) {
  return (
    <div className="image-preview" data-testid="image-preview">
      <img src={`data:${mimeType};base64,${base64}`} alt="The body, decoded as an image" />
    </div>
  );
}
