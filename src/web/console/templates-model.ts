/**
 * The letter templates screen's logic: the same check the server runs before saving
 * (render/letters/templates.ts checkTemplate, so the console never disagrees with it), which
 * placeholders a text uses, and a preview filled with sample values of a made-up case.
 */
import { GongkaiError } from "../../domain/errors.js";
import {
  checkTemplate,
  fillTemplate,
  type LetterTemplate,
  PLACEHOLDERS,
  SAMPLE_VALUES,
} from "../../render/letters/templates.js";

export { SAMPLE_VALUES };

/** The server's answer of GET /api/letter-templates. */
export interface TemplateItem {
  kind: string;
  name: string;
  title: string;
  body: string;
  custom: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
}
export interface TemplateList {
  items: TemplateItem[];
  placeholders: Record<string, string>;
  remedies: string;
}

/** The problems of a text, each naming its line, in Chinese; empty when it may be saved. */
export function templateProblems(t: LetterTemplate): string[] {
  try {
    checkTemplate({ title: t.title.trim(), body: t.body.replace(/\r\n?/g, "\n").trim() });
    return [];
  } catch (e) {
    if (e instanceof GongkaiError) return e.details.length ? [...e.details] : [e.message];
    throw e;
  }
}

/** The known placeholders a text uses, in first-use order. */
export function usedPlaceholders(t: LetterTemplate): string[] {
  const seen = new Set<string>();
  for (const m of `${t.title}\n${t.body}`.matchAll(/\{([^{}]*)\}/g))
    if (m[1]! in PLACEHOLDERS) seen.add(m[1]!);
  return [...seen];
}

/** The preview of a text: title and paragraphs filled with sample values, then the remedies line. */
export function previewTemplate(
  t: LetterTemplate,
  remedies: string,
  letterName: string,
): { title: string; lines: string[]; remedies: string } {
  const values = { ...SAMPLE_VALUES };
  return {
    title: fillTemplate(t.title, values),
    lines: fillTemplate(t.body, values)
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean),
    // As the renderer does (app/letters.ts): the letter names itself in the remedies line.
    remedies: remedies.replace("{文书}", t.title.replace(/^政府信息公开(申请)?/, "") || letterName),
  };
}

/** Inserts `{name}` into `text` at `at` (the caret), returning the new text and caret. */
export function insertPlaceholder(
  text: string,
  name: string,
  at = text.length,
): { text: string; caret: number } {
  const p = Math.max(0, Math.min(at, text.length));
  const token = `{${name}}`;
  return { text: text.slice(0, p) + token + text.slice(p), caret: p + token.length };
}
