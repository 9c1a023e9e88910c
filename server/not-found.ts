// For pages: a read whose target is not found — or is in another workspace — becomes the page's 404.
import { notFound } from "next/navigation";
import { NotFoundError } from "@/lib/errors";

export async function orNotFound<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}
