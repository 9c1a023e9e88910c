// Reading a request body with its size limit applied as the bytes arrive: a body sent without (or with a lying)
// Content-Length is never buffered whole before it is refused.
import { PayloadTooLargeError } from "@/lib/errors";

/** The body's bytes; throws PayloadTooLargeError as soon as more than `maxBytes` have arrived. */
export async function readBodyCapped(request: Request, maxBytes: number, what = "Request body"): Promise<Buffer> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw new PayloadTooLargeError(`${what} is larger than ${formatBytes(maxBytes)}`);
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new PayloadTooLargeError(`${what} is larger than ${formatBytes(maxBytes)}`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}
