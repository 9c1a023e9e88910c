// The default-country choices of the new-campaign form: every country libphonenumber knows, with its calling code,
// by English name. Worked out on the server and handed to the form, so the browser's own region names (which differ
// between runtimes) cannot make the page render differently from the server's.
import { getCountries, getCountryCallingCode } from "libphonenumber-js";

export interface CountryOption {
  code: string;
  label: string;
}

export function countryOptions(): CountryOption[] {
  const names = new Intl.DisplayNames(["en"], { type: "region" });
  return getCountries()
    .map((code) => ({ code, label: `${names.of(code) ?? code} (+${getCountryCallingCode(code)})` }))
    .sort((a, b) => a.label.localeCompare(b.label, "en"));
}
