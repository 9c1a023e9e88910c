import { describe, expect, it } from "vitest";
import { readableBackground } from "./provider-mark";

const channels = (css: string) => css.match(/\d+/g)!.map(Number);
const luminance = (rgb: number[]) => {
  const [r, g, b] = rgb.map((c) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const contrastWithWhite = (css: string) => 1.05 / (luminance(channels(css)) + 0.05);

describe("readableBackground", () => {
  it("keeps a brand colour whose initials already read well", () => {
    expect(readableBackground("#0E7490", "#ffffff")).toBe("rgb(14 116 144)");
  });

  it("darkens a light brand colour under white initials until they pass AA", () => {
    expect(contrastWithWhite("rgb(242 47 70)")).toBeLessThan(4.5); // Twilio's red as given
    const readable = readableBackground("#F22F46", "#ffffff");
    expect(contrastWithWhite(readable)).toBeGreaterThanOrEqual(4.5);
    expect(contrastWithWhite(readable)).toBeLessThan(5.5); // still close to the brand colour
  });

  it("lightens a dark brand colour under dark initials", () => {
    expect(luminance(channels(readableBackground("#7a5a10", "#0f172a")))).toBeGreaterThan(luminance([0x7a, 0x5a, 0x10]));
  });

  it("leaves colours it cannot read alone", () => {
    expect(readableBackground("red", "#ffffff")).toBe("red");
  });
});
