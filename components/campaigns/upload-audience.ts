// The new-campaign form's upload: the one browser write that is not a server action. A server action receives its
// whole body in memory, so the CSV (up to tens of megabytes) goes as multipart/form-data to
// POST /api/v1/campaigns?draft=true, whose handler streams it into the database; the session cookie authenticates
// it and the API's same-origin check applies. XMLHttpRequest, because fetch cannot report upload progress.
import type { CampaignView } from "@/lib/campaigns/schema";
import type { PublicError } from "@/server/errors";

export type UploadResult = { ok: true; campaign: CampaignView } | { ok: false; status: number; error: PublicError };

export interface UploadOptions {
  /** Bytes sent so far, of the whole request body. */
  onProgress?: (loaded: number, total: number) => void;
  /** Every byte is sent: the server is reading the audience now. */
  onUploaded?: () => void;
  signal?: AbortSignal;
}

/** Creates a draft campaign from `fields` (sent first, as the API requires) and the audience `file`. */
export function uploadAudience(fields: Record<string, string | undefined>, file: File, options: UploadOptions = {}): Promise<UploadResult> {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) if (value !== undefined && value !== "") body.append(name, value);
  body.append("file", file, file.name);

  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", "/api/v1/campaigns?draft=true");
    request.setRequestHeader("accept", "application/json");
    request.responseType = "text";
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress?.(event.loaded, event.total);
    };
    request.upload.onload = () => options.onUploaded?.();
    request.onload = () => {
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(request.responseText);
      } catch {
        // Not JSON (a proxy's error page): described below from the status alone.
      }
      if (request.status === 201 && parsed && typeof parsed === "object" && "id" in parsed) {
        resolve({ ok: true, campaign: parsed as CampaignView });
        return;
      }
      const error = (parsed as { error?: PublicError } | null)?.error;
      resolve({
        ok: false,
        status: request.status,
        error: error ?? { code: "internal_error", message: request.status === 413 ? "The file is too large to upload" : `The upload failed (HTTP ${request.status})` },
      });
    };
    request.onerror = () => resolve({ ok: false, status: 0, error: { code: "internal_error", message: "Could not reach Switchboard. Check your connection and try again." } });
    request.onabort = () => reject(new DOMException("The upload was cancelled", "AbortError"));
    options.signal?.addEventListener("abort", () => request.abort(), { once: true });
    request.send(body);
  });
}
