/** Variable grids' templates and tables (issue 15), pure: variables, CSV reading, every problem by row and column. */
import { describe, expect, it } from "vitest";
import { MAX_GRID_ROWS, checkTable, fill, parseCsv, rowRecipe, tableOfRows, variablesOf } from "@/lib/grids/template";

const template = { model: "nano-banana-2-lite", prompt: "A lemonade can on {{background}}", copy: { headline: "{{headline}}", cta: "Shop now" } };

describe("templates", () => {
  it("finds the variables of the prompt and copy, and fills them", () => {
    expect(variablesOf(template)).toEqual(["background", "headline"]);
    expect(fill("{{ a }} and {{b}} and {{c}}", { a: "1", b: "2" })).toBe("1 and 2 and {{c}}");
    expect(rowRecipe(template, { background: "a beach", headline: "FIZZ", locale: "de-DE" })).toEqual({
      model: "nano-banana-2-lite",
      prompt: "A lemonade can on a beach",
      copy: { headline: "FIZZ", cta: "Shop now" },
      language: "de-DE",
    });
  });
});

describe("CSV", () => {
  it("reads quoted commas, a BOM, and ; or tab separators", () => {
    const comma = parseCsv('\uFEFFheadline,background\n"Cold, crisp",a beach\nFIZZ,a park\n');
    expect(comma.problems).toEqual([]);
    expect(comma.table).toEqual({
      columns: ["headline", "background"],
      rows: [
        { headline: "Cold, crisp", background: "a beach" },
        { headline: "FIZZ", background: "a park" },
      ],
    });
    expect(parseCsv("headline;background\nKALT;ein Strand\n").table.rows).toEqual([{ headline: "KALT", background: "ein Strand" }]);
    expect(parseCsv("headline\tbackground\nFRÍO\tuna playa\n").table.rows).toEqual([{ headline: "FRÍO", background: "una playa" }]);
  });

  it("names an unclosed quote by the row it opens on, and text that is not UTF-8", () => {
    const broken = parseCsv('headline,background\nA,b\nC,d\n"E,f\nG,h\n');
    expect(broken.problems).toContainEqual({ row: 4, column: "", message: 'A quoted cell is never closed (a " is missing).' });
    expect(parseCsv("headline\nCaf\uFFFD\n").problems[0]).toMatchObject({ row: 1, message: expect.stringMatching(/not UTF-8/) });
  });
});

describe("checking a table against its template", () => {
  it("reports every problem at once, by row and column", () => {
    const { table } = parseCsv("headline,colour,locale\nFIZZ,red,de-DE\n,blue,fr\nBUZZ,green,not a locale!\n");
    expect(checkTable(template, table)).toEqual([
      { row: 1, column: "background", message: "{{background}} is in the template, but no column is named “background”." },
      { row: 1, column: "colour", message: "Unknown variable: the template has no {{colour}}. Use it in the prompt or copy, or remove the column." },
      { row: 3, column: "headline", message: "Empty: every row needs a value for {{headline}}." },
      { row: 4, column: "locale", message: "“not a locale!” is not a BCP 47 locale such as de-DE." },
    ]);
  });

  it("refuses a copy field filled past its limit, and more than 500 rows", () => {
    const long = checkTable(template, { columns: ["headline", "background"], rows: [{ headline: "x".repeat(201), background: "sea" }] });
    expect(long).toEqual([{ row: 2, column: "headline", message: "Headline would be over 200 characters." }]);
    const rows = Array.from({ length: MAX_GRID_ROWS + 1 }, (_, i) => ({ headline: `H${i}`, background: "sea" }));
    expect(checkTable(template, { columns: ["headline", "background"], rows })).toEqual([
      { row: 502, column: "", message: "A grid holds at most 500 rows; this one has 501." },
    ]);
  });

  it("takes rows from JSON too", () => {
    const { table, problems } = tableOfRows([{ headline: "A", background: "sea" }, { headline: 5, background: "park" }, "nope"]);
    expect(table.columns).toEqual(["headline", "background"]);
    expect(table.rows[1]).toEqual({ headline: "5", background: "park" });
    expect(problems).toEqual([{ row: 4, column: "", message: "Each row is an object of column: value." }]);
  });
});

describe("warnings in the preview", () => {
  it("flags a translation over 30% longer than its source row, pairing rows by locale", async () => {
    const { tableWarnings } = await import("@/lib/grids/template");
    const { table } = parseCsv("headline,background,locale\nFresh,a,en\nCold,b,en\nFrisch,a,de-DE\nEiskalt und erfrischend,b,de-DE\n");
    expect(tableWarnings(template, table)).toEqual([
      { row: 5, column: "locale", message: "The de-DE copy is 146% longer than row 3 (en): check it still fits." },
    ]);
  });

  it("flags copy longer than a placement shows legibly", async () => {
    const { copyRoom, tableWarnings } = await import("@/lib/grids/template");
    const banner = { id: "iab-mobile-banner", name: "Mobile banner", width: 320, height: 50 };
    expect(copyRoom(banner)).toBe(44);
    const { table } = parseCsv(`headline,background\n${"x".repeat(40)},a\nShort,b\n`);
    expect(tableWarnings(template, table, [banner])).toEqual([
      { row: 2, column: "", message: "49 characters of copy; Mobile banner (320 × 50) shows about 44 legibly." },
    ]);
  });
});
