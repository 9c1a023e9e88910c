// Reasons the sending path gives that screens recognise, kept apart so browser code can import them.

/** How a failure for a 2xx reply without the provider's message id begins; the rest names the mapping and quotes the reply. */
export const MISSING_ID_REASON = "Accepted reply carried no message id";
