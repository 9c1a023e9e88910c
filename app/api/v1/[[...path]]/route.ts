// Any path under /api/v1 that no route serves (and /api/v1 itself): the JSON 404, whatever the method (never the HTML page).
import { unknownPath } from "@/server/api";

export const GET = unknownPath;
export const HEAD = unknownPath;
export const POST = unknownPath;
export const PUT = unknownPath;
export const PATCH = unknownPath;
export const DELETE = unknownPath;
export const OPTIONS = unknownPath;
