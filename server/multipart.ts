// Reading a multipart/form-data upload as it arrives: the form fields, then the file as a stream, never the whole
// body in memory. The fields must come before the file (browsers and `curl -F` send parts in the order given).
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import Busboy from "busboy";
import { AppError, BadRequestError, PayloadTooLargeError } from "@/lib/errors";
import { formatBytes } from "./read-body";

export interface MultipartUpload {
  fields: Record<string, string>;
  file: { name: string; chunks: AsyncIterable<Buffer> } | null;
  /** Reads and discards the rest of the body (when the file is not wanted after all). */
  discard(): Promise<void>;
}

const MAX_FIELDS = 50;
const MAX_FIELD_BYTES = 20_000;

export function readMultipart(request: Request, options: { fileField: string; maxFileBytes: number }): Promise<MultipartUpload> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!request.body) throw new BadRequestError("The upload is empty: send the form fields and the file");
  let parser: Busboy.Busboy;
  try {
    parser = Busboy({ headers: { "content-type": contentType }, limits: { fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES, files: 1, fileSize: options.maxFileBytes } });
  } catch {
    throw new BadRequestError("Not a multipart/form-data body");
  }
  const body = Readable.fromWeb(request.body as WebReadableStream<Uint8Array>);
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    let settled = false;
    let closed = false;
    let fileStream: NodeJS.ReadableStream | null = null;
    parser.once("close", () => (closed = true));
    const discard = async () => {
      fileStream?.resume();
      parser.removeAllListeners("file");
      parser.on("file", (_name, stream) => stream.resume());
      if (!closed) await new Promise<void>((done) => parser.once("close", () => done()));
    };
    parser.on("field", (name, value, info) => {
      if (info.valueTruncated) return fail(new BadRequestError(`The field ${name} is longer than ${MAX_FIELD_BYTES} characters`));
      fields[name] = value;
    });
    parser.on("file", (name, stream, info) => {
      if (name !== options.fileField || settled) {
        stream.resume();
        return;
      }
      settled = true;
      fileStream = stream;
      const chunks = (async function* () {
        for await (const chunk of stream) yield chunk as Buffer;
        if ((stream as { truncated?: boolean }).truncated) throw new PayloadTooLargeError(`The file is larger than ${formatBytes(options.maxFileBytes)}`);
      })();
      resolve({ fields, file: { name: info.filename ?? "upload.csv", chunks }, discard });
    });
    parser.on("close", () => {
      if (!settled) {
        settled = true;
        resolve({ fields, file: null, discard: async () => {} });
      }
    });
    parser.on("error", (error) => fail(error instanceof AppError ? error : new BadRequestError("The upload could not be read as multipart/form-data")));
    function fail(error: Error) {
      if (settled) return;
      settled = true;
      body.destroy();
      reject(error);
    }
    body.on("error", (error) => parser.destroy(error));
    body.pipe(parser);
  });
}
