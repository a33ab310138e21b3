/** Public reading of the catalogue: the agencies, an agency's page, a document with its history, search. */
import { parseSearchQuery } from "../domain/catalogue/search-text.js";
import { GongkaiError } from "../domain/errors.js";
import { attachmentById, attachmentsOf, documentByIndexNo, versionsOfDocument } from "../store/catalogue.js";
import {
  allAgencies,
  type PublicFilter,
  publicFacets,
  publishedByItem,
  publishedList,
  registerDocumentsOf,
} from "../store/catalogue-search.js";
import type { Db } from "../store/db.js";
import { loadGuide } from "./agency-guide.js";

export interface AgencyNode {
  id: number;
  name: string;
  kind: string | null;
  children: AgencyNode[];
}

/** Every agency as a tree (roots first, children by id). */
export async function agencyTree(db: Db): Promise<AgencyNode[]> {
  const rows = await allAgencies(db);
  const nodes = new Map(
    rows.map((r) => [r.id, { id: r.id, name: r.name, kind: r.kind, children: [] as AgencyNode[] }]),
  );
  const roots: AgencyNode[] = [];
  for (const r of rows) {
    const node = nodes.get(r.id)!;
    const parent = r.parent_id === null ? undefined : nodes.get(r.parent_id);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** One agency's portal page: its guide, its published documents by 条例第二十条 item, its register. */
export async function agencyPortal(db: Db, agencyId: number) {
  const agencies = await allAgencies(db);
  const agency = agencies.find((a) => a.id === agencyId);
  if (!agency) throw new GongkaiError("NOT-FOUND", `没有找到编号为 ${agencyId} 的机关`);
  const [guide, items, register] = await Promise.all([
    loadGuide(db, agencyId),
    publishedByItem(db, agencyId, 10),
    registerDocumentsOf(db, agencyId),
  ]);
  const parent = agencies.find((a) => a.id === agency.parent_id);
  const children = agencies.filter((a) => a.parent_id === agencyId);
  return { agency, parent, children, guide, items, register };
}

/** A published document by 索引号: the current version, its attachments and the history of corrections. */
export async function publicDocument(db: Db, indexNo: string) {
  const doc = await documentByIndexNo(db, indexNo);
  const all = doc ? await versionsOfDocument(db, doc.id) : [];
  const history = all.filter((v) => v.state === "published" || v.state === "superseded");
  const current = history.find((v) => v.state === "published");
  if (!current) throw new GongkaiError("NOT-FOUND", `没有找到索引号为“${indexNo}”的公开文件`);
  return { current, history, attachments: await attachmentsOf(db, current.id) };
}

/** An attachment of a published (or superseded, still in the history) version. */
export async function publicAttachment(db: Db, id: number) {
  const a = await attachmentById(db, id);
  if (!a || (a.state !== "published" && a.state !== "superseded"))
    throw new GongkaiError("NOT-FOUND", `没有找到编号为 ${id} 的附件`);
  return a;
}

export const PAGE_SIZE = 20;

/** The catalogue list or a search: `q` (two or more characters) plus filters; 20 per page. */
export async function searchCatalogue(db: Db, q: string | undefined, filter: PublicFilter, page: number) {
  const search = q?.trim() ? parseSearchQuery(q) : undefined;
  const [result, facets] = await Promise.all([
    publishedList(db, filter, search, PAGE_SIZE, (page - 1) * PAGE_SIZE),
    publicFacets(db),
  ]);
  return { ...result, facets, query: search?.text };
}
