import { describe, expect, it } from "vitest";
import { initialsAt, matchScore, search, type Searchable } from "./search";

const h = (code: string, name: string, initials: string[]): Searchable => ({ code, name, initials });
const people = [
  h("01001", "张三丰", ["z", "s", "f"]),
  h("01002", "赵四", ["z", "s"]),
  h("02001", "曾小凤", ["zc", "x", "f"]),
  h("03001", "周山峰", ["z", "s", "f"]),
];

describe("search", () => {
  it("finds 张三丰 by its initials, before anyone whose initials only start alike", () => {
    const found = search(people, "zsf", (p) => p);
    expect(found.map((p) => p.name)).toEqual(["张三丰", "周山峰"]);
  });

  it("matches either reading of a heteronym", () => {
    expect(search(people, "zxf", (p) => p).map((p) => p.name)).toEqual(["曾小凤"]);
    expect(search(people, "cxf", (p) => p).map((p) => p.name)).toEqual(["曾小凤"]);
  });

  it("puts an exact code first, then code prefixes", () => {
    expect(search(people, "01001", (p) => p)[0].name).toBe("张三丰");
    expect(search(people, "010", (p) => p).map((p) => p.code)).toEqual(["01001", "01002"]);
  });

  it("finds names by any part of them", () => {
    expect(search(people, "三", (p) => p).map((p) => p.name)).toEqual(["张三丰"]);
  });

  it("matches full pinyin when given", () => {
    const item = { code: "A01", name: "参加义务劳动", initials: ["c", "j", "y", "w", "l", "d"], spelling: "canjiayiwulaodong" };
    expect(matchScore("yiwu", item)).not.toBeNull();
    expect(matchScore("ywld", item)).toBe(4);
    expect(matchScore("xyz", item)).toBeNull();
  });

  it("an empty query matches everything, in code order, up to the limit", () => {
    expect(search(people, " ", (p) => p, 2).map((p) => p.code)).toEqual(["01001", "01002"]);
  });

  it("initialsAt finds consecutive characters only", () => {
    expect(initialsAt("sf", ["z", "s", "f"])).toBe(1);
    expect(initialsAt("zf", ["z", "s", "f"])).toBeNull();
  });
});
