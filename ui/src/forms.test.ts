import { describe, expect, it } from "vitest";
import { entryProblems, parseCodes, signed, worth } from "./forms";
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

