/** Entry of the staff console: reads the per-request CSP nonce and mounts the app. */
import { createRoot } from "react-dom/client";
import { Root } from "./root.js";
import "./console.css";

const meta = document.querySelector('meta[name="csp-nonce"]')?.getAttribute("content") ?? "";
// The placeholder survives only under `vite dev`, which sends no CSP.
const nonce = meta && meta !== "__CSP_NONCE__" ? meta : undefined;
createRoot(document.getElementById("root")!).render(<Root nonce={nonce} />);
