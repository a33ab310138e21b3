/**
 * The portal's anti-spam challenge: a small sum in Chinese ("三加五等于几？"), answered in digits or
 * Chinese numerals, signed with an HMAC so that the server keeps no state. The token holds the expiry
 * and a nonce, never the answer. Real people are not locked out: a wrong answer only shows a new question.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

const CN = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
const VALID_MS = 60 * 60 * 1000;

/** The signing key: $GONGKAI_PORTAL_SECRET, else random per process (open forms fail after a restart). */
const SECRET = process.env.GONGKAI_PORTAL_SECRET || randomBytes(32).toString("hex");

export interface Challenge {
  question: string;
  token: string;
}

const mac = (answer: number, expires: number, nonce: string) =>
  createHmac("sha256", SECRET).update(`${answer}.${expires}.${nonce}`).digest("base64url");

/** A new question (a + b with 1 ≤ a, b ≤ 9) and its token. */
export function newChallenge(now: number = Date.now()): Challenge {
  const [a, b] = [...randomBytes(2)].map((x) => (x % 9) + 1) as [number, number];
  const expires = now + VALID_MS;
  const nonce = randomBytes(6).toString("base64url");
  return {
    question: `${CN[a]}加${CN[b]}等于几？`,
    token: `${expires}.${nonce}.${mac(a + b, expires, nonce)}`,
  };
}

/** The answer as a number: "8", "８", "八", "十二", "12" → number; undefined when unreadable. */
export function readAnswer(text: string): number | undefined {
  const t = text.normalize("NFKC").trim();
  if (/^\d{1,2}$/.test(t)) return Number(t);
  const m = /^([一二三四五六七八九]?)(十?)([一二三四五六七八九]?)$/.exec(t);
  if (!m || !t) return undefined;
  const [, tens, ten, units] = m;
  if (!ten) return tens && !units ? CN.indexOf(tens) : undefined;
  return (tens ? CN.indexOf(tens) : 1) * 10 + (units ? CN.indexOf(units) : 0);
}

/** "ok", "expired" or "wrong" for an answer to the token's question. */
export function checkChallenge(
  token: string,
  answer: string,
  now: number = Date.now(),
): "ok" | "expired" | "wrong" {
  const [exp, nonce, sig] = token.split(".");
  const expires = Number(exp);
  if (!nonce || !sig || !Number.isFinite(expires)) return "wrong";
  if (expires < now) return "expired";
  const n = readAnswer(answer);
  if (n === undefined) return "wrong";
  const want = Buffer.from(mac(n, expires, nonce));
  const got = Buffer.from(sig);
  return want.length === got.length && timingSafeEqual(want, got) ? "ok" : "wrong";
}
