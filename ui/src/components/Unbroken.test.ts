import { describe, expect, it } from "vitest";
import { pieces } from "./Unbroken";

describe("a message's unbreakable runs", () => {
  it("keeps dates, phone numbers and codes whole, and nothing else", () => {
    const got = pieces("户号 01002 在 2026-12-01 不在册（迁出 2026-01-31），电话 0571-123456");
    expect(got.filter((p) => p.whole).map((p) => p.text)).toEqual(["2026-12-01", "2026-01-31", "0571-123456"]);
    expect(got.map((p) => p.text).join("")).toBe("户号 01002 在 2026-12-01 不在册（迁出 2026-01-31），电话 0571-123456");
    expect(pieces("没有数字")).toEqual([{ text: "没有数字", whole: false }]);
  });
});
