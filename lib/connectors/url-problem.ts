// What makes an API URL unusable, in words for the form. Kept apart from the schema so warnings and the request
// builder can ask too without an import circle.

/** Why an API URL cannot work, or null. Spaces and ports are checked here because `new URL` quietly encodes the one and its error hides the other. */
export function urlProblem(value: string): string | null {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1].toLowerCase();
  if (scheme !== undefined && scheme !== "http" && scheme !== "https" && !/^[^/]*:\d/.test(value)) return "Only http and https URLs are allowed";
  const authority = /^https?:\/\/([^/?#]*)/i.exec(value)?.[1];
  if (authority === undefined) return "Enter a full URL such as https://api.example.com/send";
  // Placeholders may hold spaces (`{{ destination }}`); the URL around them may not.
  const literal = value.replace(/\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g, "");
  if (/\s/.test(literal)) return "The URL contains a space or a line break: remove it, or write a space as %20";
  const hostAndPort = authority.replace(/^[^@]*@/, "");
  if (hostAndPort === "" || hostAndPort.startsWith(":")) return "Enter the API host, e.g. https://api.provider.example/send";
  const port = /^(?:\[[^\]]*\]|[^:]*)(?::(.*))?$/.exec(hostAndPort)?.[1];
  if (port !== undefined && port !== "" && (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535)) {
    return `The port "${port}" is not valid: use a number from 1 to 65535, or leave it out`;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "Enter a full URL such as https://api.example.com/send";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "Only http and https URLs are allowed";
  if (!url.hostname || /[{}%]/.test(url.hostname) || authority.includes("Moesms_")) return "The host must be written out, without placeholders";
  if (url.username || url.password) return "Put credentials in a header or parameter marked secret, not in the URL";
  return null;
}

/** `https:///v2/send`: a URL whose host is still to be filled in (a duplicated connector's). `new URL` would read `v2` as its host. */
export function hasNoHost(url: string): boolean {
  return /^https?:\/\/(?:[^@/?#]*@)?(?::[^/?#]*)?(?:[/?#]|$)/i.test(url.trim());
}
