// Decoding a large base64 body without holding the event loop (issue #17). replay.send takes an edited
// body of up to 40,000,000 base64 characters; `Buffer.from(text, 'base64')` on that is one call of
// ~40 ms on an idle machine (several times that under load), and the receiver shares the event loop.
// Decoded in slices of SLICE_CHARS (a multiple of 4, so every slice ends on a group boundary) with a
// turn of the event loop between them, the bytes are the same and captures are answered meanwhile.

/** ~1 MiB of base64 per slice: about 1–2 ms of decoding. */
const SLICE_CHARS = 1024 * 1024;
/** Base64 and base64url characters, no padding: a slice that can end anywhere on a group boundary. */
const PLAIN = /^[A-Za-z0-9+/_-]*$/;
const FINAL = /^[A-Za-z0-9+/_-]*={0,2}$/;

/** The same bytes as `Buffer.from(text, 'base64')`, decoded in slices between which the event loop runs. */
export async function decodeBase64InSlices(text: string, sliceChars = SLICE_CHARS): Promise<Buffer> {
  if (sliceChars % 4 !== 0 || sliceChars <= 0) throw new RangeError(`slice of ${sliceChars} characters: must be a positive multiple of 4`);
  if (text.length <= sliceChars) return Buffer.from(text, 'base64');
  const out = Buffer.allocUnsafe(Math.ceil(text.length / 4) * 3);
  let written = 0;
  for (let at = 0; at < text.length; at += sliceChars) {
    const slice = text.slice(at, at + sliceChars);
    const last = at + sliceChars >= text.length;
    // Whitespace or padding inside shifts the groups Node's decoder sees (it skips such characters):
    // such text is decoded in one go, exactly as before, rather than sliced wrong.
    if (!(last ? FINAL : PLAIN).test(slice)) return Buffer.from(text, 'base64');
    written += out.write(slice, written, 'base64');
    if (!last) await new Promise((resolve) => setImmediate(resolve));
  }
  return out.subarray(0, written);
}
