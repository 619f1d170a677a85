/**
 * A variable grid's template and table (issue 15), pure: the `{{variables}}` of a template's prompt and copy, a
 * CSV read into rows (papaparse: RFC 4180 quoting, a BOM dropped, `,` `;` or tab detected), every problem of the
 * table named by row and column as a spreadsheet numbers them (the header is row 1), and one row's recipe.
 * The studio previews with it; the server checks with the same code before anything runs.
 */
import Papa from "papaparse";
import { COPY_FIELDS, COPY_LABELS, MAX_COPY_LENGTH, type CopyFields } from "../copy";
import { MAX_PROMPT_LENGTH } from "../segmind/catalog";

export const MAX_GRID_ROWS = 500;
/** A cell longer than this is a mistake (a pasted paragraph), not a variant. */
export const MAX_CELL_LENGTH = 1000;
/** The column that sets a row's copy language (BCP 47). */
export const LOCALE_COLUMN = "locale";

export interface GridTemplate {
  prompt: string;
  copy?: CopyFields;
  [setting: string]: unknown;
}

export interface GridTable {
  columns: string[];
  /** Row `i` is the spreadsheet's row `i + 2`. */
  rows: Record<string, string>[];
}

export interface GridProblem {
  /** As a spreadsheet shows it: the header is row 1, the first variant row 2. */
  row: number;
  column: string;
  message: string;
}

const VARIABLE = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** The variables a template uses, in order of first use. */
export function variablesOf(template: Pick<GridTemplate, "prompt" | "copy">): string[] {
  const texts = [template.prompt, ...COPY_FIELDS.map((f) => template.copy?.[f] ?? "")];
  return [...new Set(texts.flatMap((text) => [...text.matchAll(VARIABLE)].map((m) => m[1]!)))];
}

export function fill(text: string, values: Record<string, string>): string {
  return text.replace(VARIABLE, (whole, name: string) => values[name] ?? whole);
}

/** A CSV as a table; what cannot be read is a problem on its row. */
export function parseCsv(text: string): { table: GridTable; problems: GridProblem[] } {
  const problems: GridProblem[] = [];
  if (text.includes("\uFFFD"))
    problems.push({ row: 1, column: "", message: "The file is not UTF-8 text (a character could not be read). Save it as CSV UTF-8 and upload it again." });
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), {
    header: true,
    skipEmptyLines: "greedy",
    delimitersToGuess: [",", ";", "\t"],
    transformHeader: (header) => header.trim(),
  });
  // papaparse numbers an unclosed quote by line (the header is line 0) and other errors by data row.
  const rowOf = (error: Papa.ParseError) => (error.row ?? -1) + (error.code === "MissingQuotes" ? 1 : 2);
  const unclosed = parsed.errors.filter((e) => e.code === "MissingQuotes").map(rowOf);
  for (const error of parsed.errors) {
    // A separator papaparse could not guess defaults to ","; a one-column table is fine, and a wrong one shows
    // as unknown and missing columns. A row cut short by an unclosed quote is that quote's problem.
    if (error.code === "UndetectableDelimiter") continue;
    const row = rowOf(error);
    if (error.code !== "MissingQuotes" && unclosed.includes(row)) continue;
    const message = error.code === "MissingQuotes" ? 'A quoted cell is never closed (a " is missing).' : `${error.message}.`;
    problems.push({ row: Math.max(row, 1), column: "", message });
  }
  const columns = (parsed.meta.fields ?? []).filter((c) => c !== "");
  const rows = parsed.data.map((row) => Object.fromEntries(columns.map((c) => [c, String(row[c] ?? "").trim()])));
  return { table: { columns, rows }, problems };
}

/**
 * Every problem of a table against its template, at once: a variable without a column, a column the template does
 * not use, an empty cell, a value too long for its field, a bad locale, too many rows.
 */
export function checkTable(template: Pick<GridTemplate, "prompt" | "copy">, table: GridTable): GridProblem[] {
  const problems: GridProblem[] = [];
  const variables = variablesOf(template);
  if (table.rows.length === 0) problems.push({ row: 2, column: "", message: "The table has no rows: add one variant per row under the header." });
  if (table.rows.length > MAX_GRID_ROWS)
    problems.push({ row: MAX_GRID_ROWS + 2, column: "", message: `A grid holds at most ${MAX_GRID_ROWS} rows; this one has ${table.rows.length}.` });
  for (const variable of variables)
    if (!table.columns.includes(variable))
      problems.push({ row: 1, column: variable, message: `{{${variable}}} is in the template, but no column is named “${variable}”.` });
  for (const column of table.columns)
    if (!variables.includes(column) && column !== LOCALE_COLUMN)
      problems.push({ row: 1, column, message: `Unknown variable: the template has no {{${column}}}. Use it in the prompt or copy, or remove the column.` });
  const used = variables.filter((v) => table.columns.includes(v));
  table.rows.slice(0, MAX_GRID_ROWS).forEach((values, i) => {
    const row = i + 2;
    for (const column of used) {
      const value = values[column] ?? "";
      if (value === "") problems.push({ row, column, message: `Empty: every row needs a value for {{${column}}}.` });
      else if (value.length > MAX_CELL_LENGTH) problems.push({ row, column, message: `Over ${MAX_CELL_LENGTH} characters.` });
      else if (/\u0000/.test(value)) problems.push({ row, column, message: "Contains a character that cannot be stored." });
    }
    const locale = values[LOCALE_COLUMN];
    if (locale !== undefined && !/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(locale))
      problems.push({ row, column: LOCALE_COLUMN, message: `“${locale}” is not a BCP 47 locale such as de-DE.` });
    const prompt = fill(template.prompt, values);
    if (prompt.length > MAX_PROMPT_LENGTH)
      problems.push({ row, column: blame(template.prompt, used), message: `The prompt would be ${prompt.length} characters, over ${MAX_PROMPT_LENGTH}.` });
    for (const field of COPY_FIELDS) {
      const text = template.copy?.[field];
      if (text && fill(text, values).length > MAX_COPY_LENGTH)
        problems.push({ row, column: blame(text, used), message: `${COPY_LABELS[field]} would be over ${MAX_COPY_LENGTH} characters.` });
    }
  });
  return problems.sort((a, b) => a.row - b.row);
}

/** The column to point at when a filled text is too long: the first variable in it. */
function blame(text: string, variables: string[]): string {
  return variables.find((v) => text.includes(`{{${v}}}`) || new RegExp(`\\{\\{\\s*${v}\\s*\\}\\}`).test(text)) ?? "";
}

/** One row's recipe: the template with its variables filled, and its locale as the copy's language. */
export function rowRecipe(template: GridTemplate, values: Record<string, string>): Record<string, unknown> {
  const copy = template.copy ? Object.fromEntries(Object.entries(template.copy).map(([field, text]) => [field, fill(text ?? "", values)])) : undefined;
  const locale = values[LOCALE_COLUMN];
  return {
    ...template,
    prompt: fill(template.prompt, values),
    ...(copy ? { copy } : {}),
    ...(locale ? { language: locale } : {}),
  };
}

/** The rows of a JSON body (`rows: [{…}]`) as a table: the columns are every key any row has. */
export function tableOfRows(rows: unknown): { table: GridTable; problems: GridProblem[] } {
  if (!Array.isArray(rows))
    return { table: { columns: [], rows: [] }, problems: [{ row: 1, column: "", message: "rows: a list of objects, one per variant." }] };
  const problems: GridProblem[] = [];
  const columns = [...new Set(rows.flatMap((r) => (r && typeof r === "object" && !Array.isArray(r) ? Object.keys(r) : [])))];
  const table = rows.map((r, i) => {
    if (!r || typeof r !== "object" || Array.isArray(r)) {
      problems.push({ row: i + 2, column: "", message: "Each row is an object of column: value." });
      return {};
    }
    return Object.fromEntries(
      columns.map((c) => [
        c,
        typeof (r as Record<string, unknown>)[c] === "number"
          ? String((r as Record<string, unknown>)[c])
          : String((r as Record<string, unknown>)[c] ?? "").trim(),
      ]),
    );
  });
  return { table: { columns, rows: table }, problems };
}

/** A translation this much longer than its source row is flagged: it may not fit where the source did. */
export const MAX_TRANSLATION_GROWTH = 0.3;

/**
 * What the preview warns of, without stopping the run: a translation over 30% longer than its source, and copy
 * longer than a placement can show legibly. Rows are paired by locale: the first locale in the table is the
 * source, and the k-th row of every other locale is the k-th source row translated (as a table of 3 locales ×
 * 2 headlines is written).
 */
export function tableWarnings(
  template: Pick<GridTemplate, "copy">,
  table: GridTable,
  placements: { id: string; name: string; width: number; height: number }[] = [],
): GridProblem[] {
  const warnings: GridProblem[] = [];
  const copyOf = (values: Record<string, string>) =>
    COPY_FIELDS.flatMap((f) => (template.copy?.[f] ? [fill(template.copy[f], values).trim()] : []))
      .filter(Boolean)
      .join(" ");
  const locales = [...new Set(table.rows.map((r) => r[LOCALE_COLUMN] ?? "").filter(Boolean))];
  const byLocale = (locale: string) => table.rows.map((values, i) => ({ values, row: i + 2 })).filter((r) => r.values[LOCALE_COLUMN] === locale);
  const source = locales[0] ? byLocale(locales[0]) : [];
  for (const locale of locales.slice(1)) {
    byLocale(locale).forEach(({ values, row }, k) => {
      const original = source[k];
      if (!original) return;
      const from = copyOf(original.values).length;
      const to = copyOf(values).length;
      if (from > 0 && to > from * (1 + MAX_TRANSLATION_GROWTH))
        warnings.push({
          row,
          column: LOCALE_COLUMN,
          message: `The ${locale} copy is ${Math.round((to / from - 1) * 100)}% longer than row ${original.row} (${locales[0]}): check it still fits.`,
        });
    });
  }
  for (const placement of placements) {
    const room = copyRoom(placement);
    table.rows.forEach((values, i) => {
      const length = copyOf(values).length;
      if (length > room)
        warnings.push({
          row: i + 2,
          column: "",
          message: `${length} characters of copy; ${placement.name} (${placement.width} × ${placement.height}) shows about ${room} legibly.`,
        });
    });
  }
  return warnings;
}

/**
 * About how many characters of copy a frame shows legibly: lines of text at least 12 px (or 4% of its short side)
 * tall, on up to 40% of its height, at 0.6 em a character. A rule of thumb for a warning, not a platform limit.
 */
export function copyRoom({ width, height }: { width: number; height: number }): number {
  const font = Math.max(12, Math.round(Math.min(width, height) * 0.04));
  const perLine = Math.floor(width / (font * 0.6));
  const lines = Math.max(1, Math.floor((height * 0.4) / (font * 1.3)));
  return perLine * lines;
}
