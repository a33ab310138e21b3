/** No-JS portal form helpers over `app.inject()` (portal and applicant-account tests). */
import type { LightMyRequestResponse } from "fastify";
import { readAnswer } from "../src/app/portal-challenge.js";
import type { Client } from "./server-fixture.js";

/** A no-JS form post: urlencoded body with the page's `_csrf` field and the client's cookies. */
export async function postForm(
  c: Client,
  url: string,
  fields: Record<string, string>,
): Promise<LightMyRequestResponse> {
  const res = await c.app.inject({
    method: "POST",
    url,
    headers: { cookie: c.cookie, "content-type": "application/x-www-form-urlencoded" },
    payload: new URLSearchParams(fields).toString(),
  });
  for (const k of res.cookies as { name: string; value: string }[]) c.jar.set(k.name, k.value);
  return res;
}

/** The value of a named input in a page. */
export const field = (html: string, name: string): string =>
  new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? "";

/** Fills the application form of a GET /apply page: a correct answer to its question. */
export function applyFields(html: string, agencyId: number, over: Record<string, string> = {}) {
  const q = /<label for="answer">(.+?)等于几？/.exec(html)![1]!;
  const [a, b] = q.split("加").map((x) => readAnswer(x)!);
  return {
    _csrf: field(html, "_csrf"),
    challenge: field(html, "challenge"),
    agencyId: String(agencyId),
    applicantType: "0",
    name: "张三",
    idNumber: "11010519491231002X",
    phone: "138 0013 8000",
    address: "示例市东区人民路1号",
    subject: "请公开2024年东区学校安全检查的结果",
    medium: "electronic",
    delivery: "email",
    email: "zhangsan@example.com",
    answer: String(a! + b!),
    website: "",
    ...over,
  };
}
