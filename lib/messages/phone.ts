// Recipient numbers: one normal form (E.164) in, the formats providers ask for out.
import { parsePhoneNumberFromString, type CountryCode, type PhoneNumber } from "libphonenumber-js";
import { AppError } from "@/lib/errors";

export type { CountryCode };

export class InvalidPhoneError extends AppError {
  constructor() {
    super("validation_failed", 422, "Invalid mobile number");
  }
}

/**
 * The number in E.164 (`+46700000000`), or throws `InvalidPhoneError`.
 *
 * A number passes when it has the right length for its country ("possible"), not only when it is in an
 * allocated range ("valid"): fictional test ranges such as +1 555 or +44 7700 900 must reach fake
 * providers, and the real provider rejects unallocated numbers with its own reason anyway.
 */
export function normalizePhone(input: string, defaultCountry?: CountryCode): string {
  return parsePhone(input, defaultCountry).number;
}

/** Like `normalizePhone`, but null instead of an exception (for filtering CSV rows). */
export function tryNormalizePhone(input: string, defaultCountry?: CountryCode): string | null {
  try {
    return normalizePhone(input, defaultCountry);
  } catch {
    return null;
  }
}

/** Every digit of the value and nothing else: `+46 70-000 00 00` → `46700000000`. Also fits after `national`. */
export function phoneDigits(value: string): string {
  return value.replace(/\D/g, "");
}

/** The number as written inside its country, e.g. `070-000 00 00` for +46700000000. */
export function formatNational(value: string): string {
  return parsePhone(value).formatNational();
}

function parsePhone(input: string, defaultCountry?: CountryCode): PhoneNumber {
  const trimmed = input.trim();
  // Without a country, digits alone can only be an international number whose "+" was left out
  // (providers such as Gupshup write numbers that way).
  const text = !defaultCountry && /^\d/.test(trimmed) ? `+${trimmed}` : trimmed;
  // extract: false — "call +46700000000 now" is not a phone number, it is text containing one.
  const phone = parsePhoneNumberFromString(text, { defaultCountry, extract: false });
  if (!phone || !phone.isPossible()) throw new InvalidPhoneError();
  return phone;
}
