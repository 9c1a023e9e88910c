// Types shared by the sending code, re-exported in one place.
export type { ConnectorRequest } from "./schema";
export type { ResponseMapping } from "./classify";
