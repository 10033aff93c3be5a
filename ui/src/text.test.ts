// The window speaks to clerks: no command line names in what it shows
// (issue 12, defect 21).

import { describe, expect, it } from "vitest";

// Every screen and component, as text (Vite reads them at test time).
const sources = import.meta.glob(["./**/*.tsx", "!./**/*.test.tsx"], { query: "?raw", import: "default", eager: true }) as Record<string, string>;

describe("the window's text", () => {
  it("names no command of the command line", () => {
    expect(Object.keys(sources).length).toBeGreaterThan(10);
    for (const [file, text] of Object.entries(sources)) {
      const shown = text.split("\n").filter((line) => !/^\s*(\/\/|\*|\/\*)/.test(line));
      for (const line of shown) expect(line, file).not.toMatch(/jifenbu\s+[a-z]|--[a-z]{3,}/);
    }
  });
});
