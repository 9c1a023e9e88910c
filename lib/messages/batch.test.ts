import { describe, expect, it } from "vitest";
import { batched } from "./batch";

describe("batched", () => {
  it("runs calls made in the same turn together and hands each caller its own result", async () => {
    const calls: number[][] = [];
    const double = batched(async (items: number[]) => {
      calls.push(items);
      return items.map((n) => n * 2);
    });
    const results = await Promise.all([double(1), double(2), double(3)]);
    expect(results).toEqual([2, 4, 6]);
    expect(calls).toEqual([[1, 2, 3]]);
    expect(await double(5)).toBe(10);
    expect(calls).toHaveLength(2);
  });

  it("splits at the size limit and rejects every caller of a failed batch", async () => {
    const sizes: number[] = [];
    const run = batched(async (items: number[]) => {
      sizes.push(items.length);
      if (items.includes(99)) throw new Error("boom");
      return items;
    }, 2);
    const settled = await Promise.allSettled([run(1), run(2), run(3), run(99)]);
    expect(sizes).toEqual([2, 2]);
    expect(settled.map((s) => s.status)).toEqual(["fulfilled", "fulfilled", "rejected", "rejected"]);
  });

  it("goes on after a batch that threw before returning a promise", async () => {
    let calls = 0;
    const run = batched((items: number[]) => {
      calls += 1;
      if (calls === 1) throw new Error("sync boom");
      return Promise.resolve(items);
    });
    await expect(run(1)).rejects.toThrow("sync boom");
    expect(await run(2)).toBe(2);
  });
});
