/** Catalogue helpers for tests: actors of the seeded users, and a document published through 三审. */
import { createDocument, reviewVersion, submitForReview } from "../src/app/catalogue.js";
import type { Actor, Role } from "../src/app/policy.js";
import type { DocumentFields } from "../src/domain/catalogue/catalogue.js";
import type { Db } from "../src/store/db.js";
import type { Tree } from "./server-fixture.js";

/** Publishes a document through the three reviews; returns its version id. */
export async function publishThrough(
  db: Db,
  as: (r: Role) => Actor,
  indexNo: string,
  f: DocumentFields,
  today: string,
) {
  const { versionId } = await createDocument(db, as("clerk"), {
    agencyId: as("clerk").agencyId,
    indexNo,
    fields: f,
  });
  await submitForReview(db, as("clerk"), versionId);
  await reviewVersion(db, as("reviewer"), versionId, 1, { approve: true }, today);
  await reviewVersion(db, as("head"), versionId, 2, { approve: true }, today);
  await reviewVersion(db, as("supervisor"), versionId, 3, { approve: true }, today);
  return versionId;
}

/** Actors of the seeded city users. */
export async function actorsOf(db: Db, tree: Tree): Promise<(r: Role) => Actor> {
  const users = await db.selectFrom("app_user").select(["id", "login", "role", "agency_id"]).execute();
  const below = new Set([tree.district, tree.department]);
  return (role) => {
    const u = users.find((x) => x.login === role)!;
    return { userId: u.id, login: u.login, name: u.login, role: u.role, agencyId: u.agency_id, below };
  };
}
