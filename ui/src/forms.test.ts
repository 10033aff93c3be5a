import { describe, expect, it } from "vitest";
import { entryProblems, isActiveOn, movedOut, parseCodes, signed, worth } from "./forms";
import type { HouseholdRow, ItemRow } from "./ipc/bindings";

const household = { code: "01001", head: "张三丰" } as HouseholdRow;
const fixed = { code: "A08", kind: "add", min: "1", max: "1", ranged: false, unit: "次" } as ItemRow;
const ranged = { code: "A04", kind: "add", min: "3", max: "10", ranged: true, unit: null } as ItemRow;

describe("entryProblems", () => {
  it("passes once a household and an item are chosen: the core checks every value", () => {
    expect(entryProblems({ household, item: fixed })).toEqual({});
    expect(entryProblems({ household, item: ranged })).toEqual({});
  });

  it("names each box with nothing chosen yet", () => {
    expect(Object.keys(entryProblems({ household: null, item: null })).sort()).toEqual(["household", "item"]);
  });
});

describe("movedOut", () => {
  it("gives the move-out date once it has passed (issue 12, defect 10)", () => {
    expect(movedOut({ activeTo: "2026-11-15" }, "2026-12-01")).toBe("2026-11-15");
    expect(movedOut({ activeTo: "2026-12-15" }, "2026-12-01")).toBeNull();
    expect(movedOut({ activeTo: null }, "2026-12-01")).toBeNull();
  });
});

describe("parseCodes", () => {
  it("splits on any separator a clerk might paste, drops repeats, and reports unknown codes", () => {
    const known = new Set(["01001", "01002", "01003"]);
    const r = parseCodes("01001\n01002，01002、 99999;01003", known);
    expect(r.codes).toEqual(["01001", "01002", "01003"]);
    expect(r.unknown).toEqual(["99999"]);
  });
});

describe("display", () => {
  it("signs points and describes worth", () => {
    expect(signed("2")).toBe("+2");
    expect(signed("-2.5")).toBe("-2.5");
    expect(worth(fixed)).toBe("+1 分/次");
    expect(worth({ ...ranged, kind: "deduct" })).toBe("−3–10 分");
  });
});

describe("isActiveOn", () => {
  it("counts the move-in and move-out days as on the roster", () => {
    const h = { activeFrom: "2025-03-01", activeTo: "2025-06-13" };
    expect(isActiveOn(h, "2025-03-01")).toBe(true);
    expect(isActiveOn(h, "2025-06-13")).toBe(true);
    expect(isActiveOn(h, "2025-06-14")).toBe(false);
    expect(isActiveOn(h, "2025-02-28")).toBe(false);
    expect(isActiveOn({ activeFrom: null, activeTo: null }, "1999-01-01")).toBe(true);
  });
});
