// npm does not link a package's own `bin` into its own node_modules/.bin; tools such as
// ../shared/tools/corpus-score call node_modules/.bin/gongkai, so link it here (run by `prepare`).
import { chmodSync, existsSync, mkdirSync, rmSync, symlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const binDir = join(root, "node_modules", ".bin");
mkdirSync(binDir, { recursive: true });
const link = join(binDir, "gongkai");
if (existsSync(link)) rmSync(link);
symlinkSync(join("..", "..", "bin", "gongkai.js"), link);
chmodSync(join(root, "bin", "gongkai.js"), 0o755);
