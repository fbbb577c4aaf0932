import { useState } from 'react';

/**
 * A raster image body, shown from a data: URL of its own bytes with an image MIME type (the CSP's
 * img-src allows data: and nothing remote). An <img> decodes pixels only: no script, no links, no
 * requests; SVG never gets here (see previewableImage). Small images are scaled up, pixels kept sharp.
 */
export function ImagePreview({ mimeType, base64 }: { mimeType: string; base64: string }) {
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  const small = size !== null && size.width < 64 && size.height < 64;
  return (
    <figure className="image-preview" data-testid="image-preview">
      <img
        src={`data:${mimeType};base64,${base64}`}
        alt="The body, decoded as an image"
        className={small ? 'pixelated' : undefined}
        style={small ? { width: size.width * 8 } : undefined}
        onLoad={(e) => setSize({ width: e.currentTarget.naturalWidth, height: e.currentTarget.naturalHeight })}
      />
      {size ? (
        <figcaption className="dim">
          {size.width} × {size.height} px{small ? ', shown 8× larger' : ''}
        </figcaption>
      ) : null}
    </figure>
  );
}
