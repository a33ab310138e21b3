/** Entry of the staff console: reads the per-request CSP nonce and mounts the app. */
import { createRoot } from "react-dom/client";
import { Root } from "./root.js";
import "./console.css";

const meta = document.querySelector('meta[name="csp-nonce"]')?.getAttribute("content") ?? "";
// The placeholder survives only under `vite dev`, which sends no CSP.
const nonce = meta && meta !== "__CSP_NONCE__" ? meta : undefined;
if (nonce) {
  // antd passes the nonce to its CSS-in-JS (ConfigProvider csp), but a few rc-component helpers
  // (scroll locker of modals, table scrollbar measurement) create <style> elements without it:
  // every <style> our own bundle creates gets the page's nonce (docs/decisions/0006-console-csp.md).
  const create = document.createElement.bind(document);
  document.createElement = ((tag: string, options?: ElementCreationOptions) => {
    const el = create(tag, options);
    if (tag.toLowerCase() === "style") (el as HTMLStyleElement).nonce = nonce;
    return el;
  }) as typeof document.createElement;
}
createRoot(document.getElementById("root")!).render(<Root nonce={nonce} />);
