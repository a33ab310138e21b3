/**
 * PDF: the HTML page printed by headless Chromium (Debian's `chromium`, never a downloaded
 * browser), so the PDF has a real text layer with the official labels.
 */
import { existsSync } from "node:fs";
import { chromium } from "playwright-core";
import { GongkaiError } from "../domain/errors.js";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

/** The Chromium executable: $CHROMIUM_PATH, else the first Debian/Ubuntu location that exists. */
export function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return fromEnv;
  const found = CANDIDATES.find((p) => existsSync(p));
  if (!found)
    throw new GongkaiError(
      "PDF-NO-CHROMIUM",
      "生成 PDF 需要 Chromium：请安装（Debian: apt-get install -y chromium fonts-noto-cjk）或设置 CHROMIUM_PATH",
    );
  return found;
}

/** Flags for headless Chromium on a closed network (no background connections, no sandbox as root). */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

/** Prints an HTML document to an A4 PDF (margins come from the page's own @page rule). */
export async function htmlToPdf(html: string): Promise<Buffer> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: "load" });
    await page.emulateMedia({ media: "print" });
    return await page.pdf({ format: "A4", preferCSSPageSize: true, printBackground: true });
  } finally {
    await browser.close();
  }
}
